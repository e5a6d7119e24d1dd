package io.qlp.server.web;

import io.qlp.api.Capsule;
import io.qlp.api.ProgressEvent;
import io.qlp.api.QlpException;
import io.qlp.server.config.ServerProperties;
import io.qlp.server.progress.GenerationService;
import io.qlp.server.progress.RunLog;
import io.qlp.server.progress.RunState;
import io.qlp.server.progress.RunSubscriber;
import io.qlp.server.security.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/capsule/{id}/events}: the generation's progress as Server-Sent Events, replayed from the start (or
 * after {@code Last-Event-ID}) and then live. Each {@code progress} event has the event's number as its id and
 * {@code {sequence, capsuleId, stage, tier, attempt, message, at}} as data; one {@code end} event closes the stream
 * with {@code {id, state, status}} or {@code {id, state: FAILED, error}}.
 *
 * <p>Example: {@code curl -N -H 'X-API-Key: KEY' http://127.0.0.1:8080/v1/capsule/ID/events}
 */
@RestController
@Tag(name = "capsules")
public class EventsController {

    private final GenerationService generation;
    private final TenantCapsules capsules;
    private final ServerProperties properties;

    /** A controller streaming the runs {@code generation} started or follows. */
    public EventsController(GenerationService generation, TenantCapsules capsules, ServerProperties properties) {
        this.generation = generation;
        this.capsules = capsules;
        this.properties = properties;
    }

    /** The event stream. */
    @GetMapping(path = "/v1/capsule/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Progress events (SSE)", description = "Replayable from the start; Last-Event-ID resumes.")
    public SseEmitter events(@PathVariable String id,
                             @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
                             HttpServletRequest http) throws IOException {
        String tenant = Tenant.of(http).name();
        Optional<RunLog> known = generation.known(id, tenant);
        Optional<Capsule> stored = known.isEmpty() ? capsules.find(tenant, id) : Optional.empty();
        // Neither here nor stored: perhaps a workflow that another server instance started is running.
        Optional<RunLog> run = known.isPresent() || stored.isPresent() ? known
                : generation.follow(id, tenant, request -> TenantCapsules.owns(tenant, request));
        SseEmitter emitter = new SseEmitter(properties.waitTimeout().toMillis());
        if (run.isEmpty()) {
            // Generated before this server started, or its log expired: only the end is known.
            Capsule capsule = stored.orElseThrow(() -> TenantCapsules.notFound(id));
            emitter.send(SseEmitter.event().name("end").data(JsonResponses.write(Map.of("id", id,
                    "state", RunState.FINISHED.name(), "status", capsule.status().name())), MediaType.APPLICATION_JSON));
            emitter.complete();
            return emitter;
        }
        Forwarder forwarder = new Forwarder(emitter);
        emitter.onCompletion(() -> run.get().unsubscribe(forwarder));
        emitter.onTimeout(() -> run.get().unsubscribe(forwarder));
        emitter.onError(error -> run.get().unsubscribe(forwarder));
        run.get().subscribe(parseLastEventId(lastEventId), forwarder);
        return emitter;
    }

    private static long parseLastEventId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Forwards a run's events to one emitter. */
    private static final class Forwarder implements RunSubscriber {
        private final SseEmitter emitter;

        Forwarder(SseEmitter emitter) {
            this.emitter = emitter;
        }

        @Override
        public boolean onEvent(long sequence, ProgressEvent event) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sequence", sequence);
            data.put("capsuleId", event.capsuleId());
            data.put("stage", event.stage().name());
            if (event.tier() != null) {
                data.put("tier", event.tier().name());
            }
            data.put("attempt", event.attempt());
            data.put("message", event.message());
            data.put("at", event.at().toString());
            try {
                emitter.send(SseEmitter.event().id(Long.toString(sequence)).name("progress")
                        .data(JsonResponses.write(data), MediaType.APPLICATION_JSON));
                return true;
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }

        @Override
        public void onEnd(RunLog log) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", log.capsuleId());
            data.put("state", log.state().name());
            if (log.capsuleStatus() != null) {
                data.put("status", log.capsuleStatus().name());
            }
            QlpException error = log.error();
            if (error != null) {
                ApiError mapped = QlpErrorMapping.toApiError(error);
                data.put("error", Map.of("code", mapped.code(), "message", mapped.message()));
            }
            try {
                emitter.send(SseEmitter.event().name("end").data(JsonResponses.write(data),
                        MediaType.APPLICATION_JSON));
                emitter.complete();
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }
    }
}
