package io.qlp.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Request ids: taken from {@code X-Request-ID} when it is a short token, else made up, so a caller's id can be
 * quoted back without letting arbitrary text into headers, logs or bodies.
 *
 * <p>Example: {@code String id = RequestIds.of(request);}
 */
public final class RequestIds {

    /** The header carrying the id both ways. */
    public static final String HEADER = "X-Request-ID";
    /** The request attribute holding the id. */
    public static final String ATTRIBUTE = RequestIds.class.getName();

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The caller's id when acceptable, else a new random one. */
    public static String accept(@Nullable String presented) {
        if (presented != null && ACCEPTED.matcher(presented).matches()) {
            return presented;
        }
        return UUID.randomUUID().toString();
    }

    /** This request's id, set by {@link RequestIdFilter}; a new one when the filter did not run. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id instanceof String known) {
            return known;
        }
        String made = accept(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, made);
        return made;
    }
}
