package io.qlp.server.security;

import java.io.IOException;

/**
 * Raised while reading a body that grows past {@code qlp.server.max-request-bytes}; answered with 413.
 *
 * <p>Example: {@code throw new RequestTooLargeException(1_048_576);}
 */
public final class RequestTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    /** The body passed {@code limit} bytes. */
    public RequestTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
