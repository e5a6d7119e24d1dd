package io.qlp.server.web;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * One error answer: the HTTP status, the stable code, a message safe to show (no stack traces, file system paths or
 * secrets), scalar details, and for 429 and 503 how long to wait.
 *
 * <p>Example: {@code ApiError.of(HttpStatus.UNAUTHORIZED, ServerErrorCodes.UNAUTHENTICATED, "missing API key")}
 *
 * @param status the HTTP status
 * @param code the stable code, such as {@code capsule_not_found}
 * @param message what went wrong, for people
 * @param details extra facts, such as the offending field
 * @param retryAfter for a {@code Retry-After} header, if set
 */
public record ApiError(HttpStatus status, String code, String message, Map<String, Object> details,
                       @Nullable Duration retryAfter) {

    /** Copies the details. */
    public ApiError {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }

    /** An error without details. */
    public static ApiError of(HttpStatus status, String code, String message) {
        return new ApiError(status, code, message, Map.of(), null);
    }

    /** A copy that asks the client to wait {@code wait} before retrying. */
    public ApiError retryAfter(Duration wait) {
        return new ApiError(status, code, message, details, wait);
    }

    /** Whole seconds to wait, rounded up, at least 1; for the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        if (retryAfter == null) {
            return 0;
        }
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
