package io.qlp.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.server.security.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Writes errors in the one shape every endpoint uses:
 * {@code {"error":{"code":"...","message":"...","details":{...},"request_id":"..."}}}.
 *
 * <p>Example: {@code return ErrorBodies.entity(request, ApiError.of(HttpStatus.NOT_FOUND, "not_found", "no route"));}
 */
public final class ErrorBodies {

    private static final ObjectMapper JSON = JsonResponses.MAPPER;

    private ErrorBodies() {
    }

    /** The JSON body of {@code error} for this request. */
    public static String body(HttpServletRequest request, ApiError error) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("code", error.code());
        body.put("message", error.message());
        body.set("details", JSON.valueToTree(error.details()));
        body.put("request_id", RequestIds.of(request));
        return root.toString();
    }

    /** The error as a response entity, with {@code Retry-After} when set. */
    public static ResponseEntity<String> entity(HttpServletRequest request, ApiError error) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header(RequestIds.HEADER, RequestIds.of(request));
        if (error.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        return builder.body(body(request, error));
    }

    /** Writes the error straight to the response, for filters that run before Spring MVC. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ApiError error)
            throws IOException {
        response.resetBuffer();
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(RequestIds.HEADER, RequestIds.of(request));
        if (error.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        response.getWriter().write(body(request, error));
        response.flushBuffer();
    }
}
