package io.qlp.server.security;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.redisson.Redisson;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.config.Config;

/**
 * A per-key limit shared by every server instance, with Redisson's {@link RRateLimiter} in Redis: at most
 * {@code requestsPerMinute} permits in any sliding minute, over all instances. Limiter keys are
 * {@code prefix + keyId} and expire after an idle hour.
 *
 * <p>Example: {@code new RedisRequestLimiter("redis://127.0.0.1:6379", "qlp:rate:", 60)}
 */
public final class RedisRequestLimiter implements RequestLimiter {

    private static final Duration KEEP_ALIVE = Duration.ofHours(1);

    private final RedissonClient redisson;
    private final String prefix;
    private final int requestsPerMinute;

    /**
     * Connects to Redis.
     *
     * @throws IllegalArgumentException when the URL is not a {@code redis://} or {@code rediss://} URL
     */
    public RedisRequestLimiter(String url, String prefix, int requestsPerMinute) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://: " + url);
        }
        Config config = new Config();
        config.useSingleServer().setAddress(url).setConnectionMinimumIdleSize(1).setConnectionPoolSize(16);
        this.redisson = Redisson.create(config);
        this.prefix = prefix;
        this.requestsPerMinute = requestsPerMinute;
    }

    @Override
    public Optional<Duration> tryAcquire(String keyId) {
        try {
            RRateLimiter limiter = redisson.getRateLimiter(prefix + keyId);
            limiter.trySetRate(RateType.OVERALL, requestsPerMinute, Duration.ofMinutes(1), KEEP_ALIVE);
            if (limiter.tryAcquire()) {
                return Optional.empty();
            }
            // One permit comes back every minute / rate on average; a client waiting that long may try again.
            return Optional.of(Duration.ofMillis(Math.max(1000, 60_000L / requestsPerMinute)));
        } catch (RedisException e) {
            throw new RetriableQlpException(ErrorCode.STORE_FAILURE, "the rate limiter's Redis is unavailable: "
                    + e.getMessage(), ErrorContext.empty(), Map.of("dependency", "redis"), e);
        }
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        redisson.shutdown();
    }
}
