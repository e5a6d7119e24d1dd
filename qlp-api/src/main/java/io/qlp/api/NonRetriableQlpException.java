package io.qlp.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error that will happen again if the same operation is repeated: bad input, bad credentials, bad configuration.
 *
 * <p>Example: {@code throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "no tier configured");}
 */
public non-sealed class NonRetriableQlpException extends QlpException {

    private static final long serialVersionUID = 1L;

    /** An error with a code, a message and a context. */
    public NonRetriableQlpException(ErrorCode errorCode, String message, ErrorContext context,
                                    Map<String, ?> details, @Nullable Throwable cause) {
        super(errorCode, message, context, details, cause);
    }

    /** An error with a code and a message only. */
    public NonRetriableQlpException(ErrorCode errorCode, String message) {
        this(errorCode, message, ErrorContext.empty(), Map.of(), null);
    }

    /** An error with a code, a message and details. */
    public NonRetriableQlpException(ErrorCode errorCode, String message, Map<String, ?> details) {
        this(errorCode, message, ErrorContext.empty(), details, null);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }

    @Override
    public NonRetriableQlpException withContext(ErrorContext outer) {
        NonRetriableQlpException copy = new NonRetriableQlpException(
                errorCode(), rawMessage(), context().orElse(outer), detailsCopy(), getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
