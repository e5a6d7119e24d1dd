package io.qlp.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked root of every error QLP raises. Catch {@link RetriableQlpException} to retry,
 * {@link NonRetriableQlpException} to report; read {@link #errorCode()} for the stable code.
 *
 * <p>Example:
 * <pre>{@code
 * try {
 *     generator.generate(request);
 * } catch (QlpException e) {
 *     System.err.println(e.errorCode().code() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public abstract sealed class QlpException extends RuntimeException
        permits RetriableQlpException, NonRetriableQlpException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final transient ErrorContext context;
    private final transient Map<String, Object> details;

    protected QlpException(ErrorCode errorCode, String message, ErrorContext context,
                           Map<String, ?> details, @Nullable Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.context = context;
        this.details = Map.copyOf(details);
    }

    /** The stable code of this error. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Tier, stage and capsule id, as far as they are known. */
    public ErrorContext context() {
        return context;
    }

    /** Extra facts for callers and the wire format, such as the offending field or path. */
    public Map<String, Object> details() {
        return details;
    }

    /** Whether the same operation may succeed when tried again. */
    public abstract boolean isRetriable();

    /** A copy of this exception whose empty context fields are filled from {@code outer}. */
    public abstract QlpException withContext(ErrorContext outer);

    /** Details as a mutable map, for subclasses building a copy. */
    protected Map<String, Object> detailsCopy() {
        return new LinkedHashMap<>(details);
    }

    @Override
    public String getMessage() {
        String base = super.getMessage();
        String where = context.toString();
        return "[" + errorCode.code() + "] " + base + (where.isEmpty() ? "" : " (" + where + ")");
    }

    /** The message without code and context. */
    public String rawMessage() {
        String base = super.getMessage();
        return base == null ? "" : base;
    }
}
