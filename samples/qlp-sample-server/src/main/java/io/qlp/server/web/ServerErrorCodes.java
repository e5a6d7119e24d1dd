package io.qlp.server.web;

/**
 * Wire codes of errors that the HTTP layer raises itself; errors of the library use
 * {@link io.qlp.api.ErrorCode#code()}. Stable once released, like those.
 *
 * <p>Example: {@code {"error":{"code":"rate_limited", ...}}}
 */
public final class ServerErrorCodes {

    /** No API key, or one that is not accepted (401). */
    public static final String UNAUTHENTICATED = "unauthenticated";
    /** The key made too many requests (429). */
    public static final String RATE_LIMITED = "rate_limited";
    /** The body is larger than {@code qlp.server.max-request-bytes} (413). */
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    /** The body's media type is not accepted (415). */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** No acceptable representation (406). */
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    /** The path exists, but not with this method (405). */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** No such path (404). */
    public static final String NOT_FOUND = "not_found";
    /** A service the server needs is down (503). */
    public static final String DEPENDENCY_UNAVAILABLE = "dependency_unavailable";

    private ServerErrorCodes() {
    }
}
