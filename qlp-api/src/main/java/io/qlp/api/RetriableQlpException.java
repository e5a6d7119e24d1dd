package io.qlp.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error that may go away when the operation is tried again: rate limits, timeouts, servers that are down.
 *
 * <p>Example: {@code throw new RetriableQlpException(ErrorCode.MODEL_TIMEOUT, "no answer in 60s", ctx, Map.of(), cause);}
 */
public non-sealed class RetriableQlpException extends QlpException {

    private static final long serialVersionUID = 1L;

    /** An error with a code, a message and a context. */
    public RetriableQlpException(ErrorCode errorCode, String message, ErrorContext context,
                                 Map<String, ?> details, @Nullable Throwable cause) {
        super(errorCode, message, context, details, cause);
    }

    /** An error with a code and a message only. */
    public RetriableQlpException(ErrorCode errorCode, String message) {
        this(errorCode, message, ErrorContext.empty(), Map.of(), null);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }

    @Override
    public RetriableQlpException withContext(ErrorContext outer) {
        RetriableQlpException copy = new RetriableQlpException(
                errorCode(), rawMessage(), context().orElse(outer), detailsCopy(), getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
