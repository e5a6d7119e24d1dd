package io.qlp.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.core.json.CapsuleJson;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * JSON answers written with the library's own mapper ({@link CapsuleJson#mapper()}), so capsules, reports and
 * languages look the same over HTTP, in the CLI's {@code --json} output and in {@code capsule.json}.
 *
 * <p>Example: {@code return JsonResponses.ok(Map.of("status", "UP"));}
 */
public final class JsonResponses {

    /** The mapper for every JSON answer. */
    static final ObjectMapper MAPPER = CapsuleJson.mapper();

    private JsonResponses() {
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** 200 with {@code value} as JSON. */
    public static ResponseEntity<String> ok(Object value) {
        return status(HttpStatus.OK, value);
    }

    /** {@code status} with {@code value} as JSON. */
    public static ResponseEntity<String> status(HttpStatus status, Object value) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(write(value));
    }

    /** {@code status} with a {@code Location} header and {@code value} as JSON. */
    public static ResponseEntity<String> created(HttpStatus status, URI location, Object value) {
        return ResponseEntity.status(status).location(location).contentType(MediaType.APPLICATION_JSON)
                .body(write(value));
    }
}
