package io.qlp.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.VersionMetadata;
import io.qlp.core.version.CapsuleVersioning;
import io.qlp.core.version.ChangeSet;
import io.qlp.core.version.VersionedCapsule;
import io.qlp.server.security.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Versions: {@code POST /v1/capsule/{id}/version} applies a change set (the JSON of {@code qlp version --changes},
 * plus optional {@code message} and {@code author}), validates and stores a new version (201, or 409 when a changed
 * file was changed since {@code baseVersion}); {@code GET /v1/capsule/{id}/versions};
 * {@code GET /v1/capsule/{id}/diff?from=1&to=2}.
 *
 * <p>Example:
 * <pre>{@code
 * curl -H 'X-API-Key: KEY' -H 'Content-Type: application/json' http://127.0.0.1:8080/v1/capsule/ID/version \
 *      -d '{"baseVersion":1,"message":"drop notes","changes":[{"op":"delete","path":"notes.txt"}]}'
 * }</pre>
 */
@RestController
@Tag(name = "versions")
public class VersionController {

    private static final Set<String> FIELDS = Set.of("baseVersion", "changes", "message", "author");

    private final TenantCapsules capsules;
    private final CapsuleVersioning versioning;

    /** A controller storing versions through {@code versioning}. */
    public VersionController(TenantCapsules capsules, CapsuleVersioning versioning) {
        this.capsules = capsules;
        this.versioning = versioning;
    }

    /** Stores a new version. */
    @PostMapping(path = "/v1/capsule/{id}/version", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store a new version", description = "Body: {baseVersion?, changes: [{op: create|modify|"
            + "delete|rename, path, content?, to?}], message?, author?}. Idempotency-Key makes retries store once.")
    @ApiResponse(responseCode = "201", description = "{version, capsule}")
    @ApiResponse(responseCode = "409", description = "a changed file was changed since baseVersion")
    public ResponseEntity<String> createVersion(@PathVariable String id, @RequestBody String body,
                                                @RequestHeader(name = "Idempotency-Key", required = false)
                                                @Nullable String idempotencyKey,
                                                HttpServletRequest http) {
        String tenant = Tenant.of(http).name();
        capsules.require(tenant, id);
        ObjectNode root = readObject(body);
        String message = textField(root, "message", "changed through the API");
        String author = textField(root, "author", tenant);
        root.remove("message");
        root.remove("author");
        ChangeSet changes = ChangeSet.fromJson(root.toString());
        String requestId = idempotencyKey == null || idempotencyKey.isBlank() ? null
                : "api:" + tenant + ":" + idempotencyKey.trim();
        VersionMetadata metadata;
        try {
            metadata = new VersionMetadata(author, message, requestId);
        } catch (IllegalArgumentException e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of());
        }
        VersionedCapsule created = versioning.createVersion(id, changes, metadata);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", created.version());
        answer.put("capsule", created.capsule());
        return JsonResponses.created(HttpStatus.CREATED,
                URI.create("/v1/capsule/" + id + "?version=" + created.version().number()), answer);
    }

    /** The versions, oldest first. */
    @GetMapping(path = "/v1/capsule/{id}/versions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List versions")
    public ResponseEntity<String> versions(@PathVariable String id, HttpServletRequest http) {
        capsules.require(Tenant.of(http).name(), id);
        return JsonResponses.ok(Map.of("capsuleId", id, "versions", versioning.history(id)));
    }

    /** What changed between two versions. */
    @GetMapping(path = "/v1/capsule/{id}/diff", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Diff two versions", description = "Files that differ, each with a unified diff.")
    public ResponseEntity<String> diff(@PathVariable String id, @RequestParam int from, @RequestParam int to,
                                       HttpServletRequest http) {
        capsules.require(Tenant.of(http).name(), id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("capsuleId", id);
        answer.put("from", from);
        answer.put("to", to);
        answer.put("files", versioning.diff(id, from, to));
        return JsonResponses.ok(answer);
    }

    private static ObjectNode readObject(String body) {
        JsonNode root;
        try {
            root = JsonResponses.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "the request body is not valid JSON",
                    Map.of());
        }
        if (!(root instanceof ObjectNode object)) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "the request body must be a JSON object"
                    + " with a \"changes\" array", Map.of());
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "unknown field '" + name
                        + "'; accepted fields: " + FIELDS.stream().sorted().toList(), Map.of("field", name));
            }
        }
        return object;
    }

    private static String textField(ObjectNode root, String field, String fallback) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, field + " must be a non-empty string",
                    Map.of("field", field));
        }
        return value.asText();
    }
}
