package io.qlp.server.web;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.core.json.CapsuleJson;
import io.qlp.server.progress.GenerationService;
import io.qlp.server.progress.RunLog;
import io.qlp.server.progress.RunState;
import io.qlp.server.security.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading capsules: {@code GET /v1/capsule/{id}} (optionally {@code ?version=N}) and {@code GET /v1/capsules} with
 * filters ({@code status}, {@code language}, {@code text}, {@code from}, {@code to}) and paging ({@code offset},
 * {@code limit}).
 *
 * <p>Example: {@code curl -H 'X-API-Key: KEY' 'http://127.0.0.1:8080/v1/capsules?status=VALIDATED&limit=10'}
 */
@RestController
@Tag(name = "capsules")
public class CapsuleController {

    private final TenantCapsules capsules;
    private final GenerationService generation;

    /**
     * A controller over {@code capsules}, knowing running generations from {@code generation}, which also finds runs
     * that another server instance started.
     */
    public CapsuleController(TenantCapsules capsules, GenerationService generation) {
        this.capsules = capsules;
        this.generation = generation;
    }

    /** The capsule, or where its generation stands while it has not been stored. */
    @GetMapping(path = "/v1/capsule/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A capsule", description = "The stored capsule (latest version, or ?version=N). While it is"
            + " being generated: {id, status: RUNNING, events}; when generation failed: {id, status: FAILED, error}.")
    public ResponseEntity<String> capsule(@PathVariable String id, @RequestParam(required = false) @Nullable Integer version,
                                          HttpServletRequest http) {
        String tenant = Tenant.of(http).name();
        if (version != null) {
            return json(capsules.requireVersion(tenant, id, version));
        }
        Optional<Capsule> stored = capsules.find(tenant, id);
        if (stored.isPresent()) {
            return json(stored.get());
        }
        RunLog log = generation.known(id, tenant)
                .or(() -> generation.follow(id, tenant, request -> TenantCapsules.owns(tenant, request)))
                .orElseThrow(() -> TenantCapsules.notFound(id));
        // Stored between the two reads: the store has it now.
        if (log.state() == RunState.FINISHED) {
            return json(capsules.require(tenant, id));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", log.state().name());
        body.put("events", log.eventCount());
        QlpException error = log.error();
        if (error != null) {
            ApiError mapped = QlpErrorMapping.toApiError(error);
            body.put("error", Map.of("code", mapped.code(), "message", mapped.message()));
        }
        return JsonResponses.ok(body);
    }

    /** The tenant's capsules, newest first. */
    @GetMapping(path = "/v1/capsules", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List capsules", description = "Newest first; filters status (VALIDATED, FAILED_VALIDATION,"
            + " ...), language, text (in id or description), from/to (ISO-8601 instants); paging offset/limit.")
    public ResponseEntity<String> list(@RequestParam(required = false) @Nullable String status,
                                       @RequestParam(required = false) @Nullable String language,
                                       @RequestParam(required = false) @Nullable String text,
                                       @RequestParam(required = false) @Nullable String from,
                                       @RequestParam(required = false) @Nullable String to,
                                       @RequestParam(defaultValue = "0") int offset,
                                       @RequestParam(defaultValue = "20") int limit,
                                       HttpServletRequest http) {
        CapsuleQuery.Builder query = CapsuleQuery.builder();
        if (status != null && !status.isBlank()) {
            query.status(parseStatus(status));
        }
        if (language != null && !language.isBlank()) {
            query.language(Language.fromId(language));
        }
        if (text != null && !text.isBlank()) {
            query.text(text);
        }
        if (from != null && !from.isBlank()) {
            query.createdFrom(parseInstant("from", from));
        }
        if (to != null && !to.isBlank()) {
            query.createdBefore(parseInstant("to", to));
        }
        CapsuleQuery built;
        try {
            built = query.page(offset, limit).build();
        } catch (IllegalArgumentException e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of());
        }
        List<Capsule> page = capsules.list(Tenant.of(http).name(), built);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("capsules", page.stream().map(CapsuleController::summary).toList());
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("hasMore", page.size() == limit);
        return JsonResponses.ok(body);
    }

    static Map<String, Object> summary(Capsule capsule) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", capsule.id());
        summary.put("status", capsule.status().name());
        summary.put("language", capsule.request().language().id());
        summary.put("description", capsule.request().description());
        summary.put("createdAt", capsule.manifest().createdAt().toString());
        summary.put("files", capsule.files().size());
        return summary;
    }

    private static ResponseEntity<String> json(Capsule capsule) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(CapsuleJson.writeCompact(capsule));
    }

    private static CapsuleStatus parseStatus(String value) {
        try {
            return CapsuleStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "unknown status '" + value + "'; expected one"
                    + " of " + List.of(CapsuleStatus.values()), Map.of("field", "status"));
        }
    }

    private static Instant parseInstant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, field + " must be an ISO-8601 instant such as"
                    + " 2026-01-01T00:00:00Z, was '" + value + "'", Map.of("field", field));
        }
    }
}
