package io.qlp.server.web;

import io.qlp.server.security.ApiKeyFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers for the web page at {@code /} and its static files ({@code classpath:/static}): a Content Security
 * Policy that allows only this origin's own scripts, styles, images and API calls (no inline script or style, no
 * frames, no plug-ins), {@code nosniff}, no referrer, no framing, and revalidation on every load so a new server's
 * page is picked up. The REST API under {@code /v1}, Swagger UI and the actuator keep their own headers.
 *
 * <p>Example: {@code curl -sI http://127.0.0.1:8080/} shows
 * {@code Content-Security-Policy: default-src 'self'; script-src 'self'; ...}.
 */
public final class StaticPageHeaders extends OncePerRequestFilter {

    /** The page's policy: everything from this origin only, nothing inline, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = ApiKeyFilter.applicationPath(request);
        return path.equals("/v1") || path.startsWith("/v1/") || path.equals("/actuator")
                || path.startsWith("/actuator/") || path.equals("/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        // The page is small; revalidating (ETag / Last-Modified) keeps it in step with the server's jar.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        chain.doFilter(request, response);
    }
}
