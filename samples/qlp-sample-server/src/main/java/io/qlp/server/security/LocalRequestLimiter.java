package io.qlp.server.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Optional;

/**
 * A per-key limit kept in this process, with Resilience4j's {@link RateLimiter}: {@code requestsPerMinute} permits
 * per one-minute window, no waiting.
 *
 * <p>Example: {@code RequestLimiter limiter = new LocalRequestLimiter(60);}
 */
public final class LocalRequestLimiter implements RequestLimiter {

    private final RateLimiterRegistry registry;

    /** A limiter allowing {@code requestsPerMinute} requests per key and minute. */
    public LocalRequestLimiter(int requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be positive: " + requestsPerMinute);
        }
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requestsPerMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    @Override
    public Optional<Duration> tryAcquire(String keyId) {
        RateLimiter limiter = registry.rateLimiter(keyId);
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : Duration.ofMinutes(1).toNanos();
        return Optional.of(Duration.ofNanos(Math.max(nanos, 1)));
    }

    @Override
    public String kind() {
        return "local";
    }
}
