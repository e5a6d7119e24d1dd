package io.qlp.server.security;

import io.qlp.api.QlpException;
import io.qlp.server.web.ApiError;
import io.qlp.server.web.ErrorBodies;
import io.qlp.server.web.QlpErrorMapping;
import io.qlp.server.web.ServerErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /v1/**} (except the OpenAPI document and Swagger UI): the key comes in {@code X-API-Key} or
 * {@code Authorization: Bearer KEY}; an unknown or missing key gets 401, a key over its per-minute limit gets 429
 * with {@code Retry-After}, and a limiter whose Redis is down gets 503. The tenant is left in the request for the
 * controllers ({@link Tenant#of}).
 *
 * <p>Example: {@code curl -H 'Authorization: Bearer KEY' http://127.0.0.1:8080/v1/capsules}
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

    /** The key header. */
    public static final String API_KEY_HEADER = "X-API-Key";

    private final ApiKeys keys;
    private final RequestLimiter limiter;

    /** A filter accepting {@code keys}, each limited by {@code limiter}. */
    public ApiKeyFilter(ApiKeys keys, RequestLimiter limiter) {
        this.keys = keys;
        this.limiter = limiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = applicationPath(request);
        return !(path.equals("/v1") || path.startsWith("/v1/")) || path.equals("/v1/openapi.json")
                || path.startsWith("/v1/openapi.json/") || path.equals("/v1/docs") || path.startsWith("/v1/docs/")
                || path.startsWith("/v1/swagger-ui/")
                || path.equals("/v1/swagger-ui.html");
    }

    /**
     * The path the servlet container routes by: percent-decoded, without {@code ;parameters}, with {@code .} and
     * {@code ..} resolved. The raw request URI must not decide, because {@code /%761/capsules},
     * {@code /v1;x=y/capsules} and {@code /v1/docs/../capsules} all reach the {@code /v1/capsules} controller.
     */
    public static String applicationPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
            ErrorBodies.write(request, response, unauthenticated("an API key is required: send it in " + API_KEY_HEADER
                    + " or as Authorization: Bearer KEY"));
            return;
        }
        Optional<Tenant> tenant = keys.authenticate(presented);
        if (tenant.isEmpty()) {
            ErrorBodies.write(request, response, unauthenticated("the API key is not accepted"));
            return;
        }
        Optional<Duration> wait;
        try {
            wait = limiter.tryAcquire(tenant.get().keyId());
        } catch (QlpException e) {
            ApiError mapped = QlpErrorMapping.toApiError(e);
            ErrorBodies.write(request, response, new ApiError(HttpStatus.SERVICE_UNAVAILABLE,
                    ServerErrorCodes.DEPENDENCY_UNAVAILABLE, "the rate limiter is unavailable; try again later",
                    mapped.details(), mapped.retryAfter()));
            return;
        }
        if (wait.isPresent()) {
            ErrorBodies.write(request, response, ApiError.of(HttpStatus.TOO_MANY_REQUESTS,
                    ServerErrorCodes.RATE_LIMITED, "this API key made too many requests; wait before trying again")
                    .retryAfter(wait.get()));
            return;
        }
        request.setAttribute(Tenant.ATTRIBUTE, tenant.get());
        chain.doFilter(request, response);
    }

    private static @Nullable String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.length() > 7
                && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static ApiError unauthenticated(String message) {
        return ApiError.of(HttpStatus.UNAUTHORIZED, ServerErrorCodes.UNAUTHENTICATED, message);
    }
}
