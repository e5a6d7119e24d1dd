package io.qlp.server.web;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Maps a {@link QlpException} to its answer. Caller mistakes (4xx) keep the library's message and scalar details,
 * which name the caller's own input; failures of the server or its dependencies (5xx) get a fixed message per code,
 * since the library's message may name hosts, database URLs or files. Retriable failures get {@code Retry-After}.
 *
 * <p>Example: {@code ApiError error = QlpErrorMapping.toApiError(e);}
 */
public final class QlpErrorMapping {

    private static final Duration RETRY_DEPENDENCY = Duration.ofSeconds(5);

    private QlpErrorMapping() {
    }

    /** The HTTP status for a code. */
    public static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, UNSAFE_PATH, ARCHIVE_INVALID -> HttpStatus.BAD_REQUEST;
            case CAPSULE_NOT_FOUND, VERSION_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case VERSION_CONFLICT -> HttpStatus.CONFLICT;
            case BUDGET_EXCEEDED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case MODEL_ERROR, MODEL_AUTHENTICATION, NO_FILES_IN_ANSWER -> HttpStatus.BAD_GATEWAY;
            case MODEL_UNAVAILABLE, MODEL_RATE_LIMITED, STORE_FAILURE, VALIDATION_INFRASTRUCTURE, CONFIGURATION,
                 ORCHESTRATION_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case MODEL_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case EXPORT_FAILURE, PROVIDER_NOT_FOUND, EMBEDDING_MISMATCH, INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            // Codes added after this server was written: retriable ones are a dependency's trouble.
            default -> code.retriable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The answer for {@code e}. */
    public static ApiError toApiError(QlpException e) {
        ErrorCode code = e.errorCode();
        HttpStatus status = status(code);
        if (status.is4xxClientError()) {
            return new ApiError(status, code.code(), e.rawMessage(), scalars(e.details()), null);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retriable", e.isRetriable());
        if (e.context().capsuleId() != null) {
            details.put("capsule_id", e.context().capsuleId());
        }
        ApiError error = new ApiError(status, code.code(), fixedMessage(code), details, null);
        return e.isRetriable() || code == ErrorCode.CONFIGURATION ? error.retryAfter(RETRY_DEPENDENCY) : error;
    }

    private static String fixedMessage(ErrorCode code) {
        return switch (code) {
            case MODEL_ERROR -> "the model endpoint rejected the request";
            case MODEL_AUTHENTICATION -> "the model endpoint rejected the server's credentials";
            case NO_FILES_IN_ANSWER -> "the model's answers contained no files";
            case MODEL_UNAVAILABLE -> "the model endpoint is unavailable; try again later";
            case MODEL_RATE_LIMITED -> "the model endpoint is rate limiting the server; try again later";
            case MODEL_TIMEOUT -> "the model endpoint did not answer in time; try again later";
            case STORE_FAILURE -> "a storage service of the server is unavailable; try again later";
            case VALIDATION_INFRASTRUCTURE -> "the validation sandbox is unavailable; try again later";
            case ORCHESTRATION_UNAVAILABLE -> "the workflow service is unavailable; try again later";
            case CONFIGURATION -> "the server has no usable model configured; its operator must set qlp.tiers"
                    + " (or QLP_OPENAI_BASE_URL, QLP_OPENAI_API_KEY and QLP_MODEL)";
            default -> "an internal error occurred; quote the request id when reporting it";
        };
    }

    /** Only strings, numbers and booleans go on the wire; anything else is an object the caller never sent. */
    private static Map<String, Object> scalars(Map<String, Object> details) {
        Map<String, Object> kept = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
