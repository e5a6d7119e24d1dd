package io.qlp.server.web;

import io.qlp.api.spi.CapsuleQuery;
import io.qlp.core.CapsuleGenerator;
import io.qlp.server.progress.GenerationService;
import io.qlp.server.security.RequestLimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: 200 when the capsule store answers, 503 when it does not; says whether a model is configured
 * and which rate limiter is in use. Needs no key. Probes and load balancers use it; {@code /actuator/health} has the
 * same facts in Spring's form.
 *
 * <p>Example: {@code curl http://127.0.0.1:8080/health}
 */
@RestController
@Tag(name = "health")
public class HealthController {

    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

    private final TenantCapsules capsules;
    private final GenerationService generation;
    private final RequestLimiter limiter;

    /** A health check of the store behind {@code capsules}. */
    public HealthController(TenantCapsules capsules, GenerationService generation, RequestLimiter limiter) {
        this.capsules = capsules;
        this.generation = generation;
        this.limiter = limiter;
    }

    /** The server's health. */
    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Health", description = "200 UP or 503 DOWN; no key needed.")
    public ResponseEntity<String> health() {
        boolean storeUp;
        try {
            capsules.store().list(CapsuleQuery.firstPage(1));
            storeUp = true;
        } catch (RuntimeException e) {
            LOG.warn("health: capsule store is down: {}", e.toString());
            storeUp = false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", storeUp ? "UP" : "DOWN");
        body.put("store", storeUp ? "UP" : "DOWN");
        body.put("model", generation.modelConfigured() ? "configured" : "not_configured");
        body.put("rateLimiter", limiter.kind());
        body.put("version", CapsuleGenerator.version());
        return JsonResponses.status(storeUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body);
    }
}
