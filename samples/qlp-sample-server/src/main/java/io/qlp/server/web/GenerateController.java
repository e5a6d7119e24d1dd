package io.qlp.server.web;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.core.json.CapsuleJson;
import io.qlp.server.config.ServerProperties;
import io.qlp.server.progress.GenerationService;
import io.qlp.server.progress.RunState;
import io.qlp.server.security.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/generate/capsule}: starts a generation and answers {@code 202} with the capsule's address, or with
 * {@code ?wait=true} waits and answers {@code 201} with the finished capsule.
 *
 * <p>Example:
 * <pre>{@code
 * curl -i -H 'X-API-Key: KEY' -H 'Content-Type: application/json' \
 *      -d '{"description":"A stack of ints, with tests"}' http://127.0.0.1:8080/v1/generate/capsule
 * }</pre>
 */
@RestController
@Tag(name = "generate")
public class GenerateController {

    private final GenerationService generation;
    private final ServerProperties properties;

    /** A controller starting generations with {@code generation}. */
    public GenerateController(GenerationService generation, ServerProperties properties) {
        this.generation = generation;
        this.properties = properties;
    }

    /** Starts (and with {@code wait} finishes) a generation. */
    @PostMapping(path = "/v1/generate/capsule", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Generate a capsule", description = "Answers 202 with Location /v1/capsule/{id} while the"
            + " capsule is generated; with wait=true, 201 with the finished capsule.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = GenerateBody.class))))
    @ApiResponse(responseCode = "202", description = "generation started: {id, status}")
    @ApiResponse(responseCode = "201", description = "the finished capsule (wait=true)")
    @ApiResponse(responseCode = "400", description = "invalid request or unknown field")
    public ResponseEntity<String> generate(
            @RequestBody String body,
            @Parameter(description = "wait for the finished capsule") @RequestParam(defaultValue = "false") boolean wait,
            HttpServletRequest http) {
        Tenant tenant = Tenant.of(http);
        CapsuleRequest request = RequestBodies.read(body, GenerateBody.class).toRequest(tenant);
        GenerationService.Started started = generation.start(request, tenant.name());
        URI location = URI.create("/v1/capsule/" + started.capsuleId());
        if (wait) {
            Capsule capsule = started.await(properties.waitTimeout());
            return ResponseEntity.status(201).location(location).contentType(MediaType.APPLICATION_JSON)
                    .body(CapsuleJson.writeCompact(capsule));
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("id", started.capsuleId());
        RunState state = started.log().state();
        accepted.put("status", state == RunState.FINISHED && started.log().capsuleStatus() != null
                ? started.log().capsuleStatus().name() : state.name());
        accepted.put("events", location + "/events");
        return JsonResponses.created(org.springframework.http.HttpStatus.ACCEPTED, location, accepted);
    }
}
