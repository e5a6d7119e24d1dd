package io.qlp.core.resilience;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP error answer whose {@code Retry-After} header was kept. LangChain4j's own {@link HttpException} carries no
 * headers; the models' exception mappers keep this one as the cause of their {@code RateLimitException} or
 * {@code InternalServerException}, so the retry policy can find it with {@link #find(Throwable)}.
 *
 * <p>Example: {@code RetryAfterHttpException.find(error).flatMap(RetryAfterHttpException::retryAfter)}
 */
public final class RetryAfterHttpException extends HttpException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable Duration retryAfter;

    /**
     * An error answer.
     *
     * @param statusCode the HTTP status
     * @param body the response body, as text
     * @param retryAfter how long the server asked us to wait, if it said
     */
    public RetryAfterHttpException(int statusCode, String body, @Nullable Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked the client to wait before the next request, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The first {@code RetryAfterHttpException} in {@code error}'s cause chain. */
    public static Optional<RetryAfterHttpException> find(@Nullable Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryAfterHttpException found) {
                return Optional.of(found);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
