package io.qlp.spring.boot.health;

import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.RedisExactCache;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RedissonClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when Redis answers {@code DBSIZE} within the timeout, a command every Redis topology serves cheaply. When the
 * exact cache is the Redis one, the details also say whether the cache currently reaches Redis or serves from its
 * local copy alone.
 *
 * <p>Example: {@code new RedisHealthIndicator(redisson, exactCache, Duration.ofSeconds(2)).health()}
 */
public final class RedisHealthIndicator extends AbstractHealthIndicator {

    private final RedissonClient redisson;
    private final @Nullable ExactCache exactCache;
    private final Duration timeout;

    /** Checks {@code redisson}, and reports on {@code exactCache} when it is a {@link RedisExactCache}. */
    public RedisHealthIndicator(RedissonClient redisson, @Nullable ExactCache exactCache, Duration timeout) {
        super("Redis health check failed");
        this.redisson = redisson;
        this.exactCache = exactCache;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        long keys = redisson.getKeys().countAsync().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        builder.up().withDetail("keys", keys);
        if (exactCache instanceof RedisExactCache redisCache) {
            builder.withDetail("exactCacheOnRedis", redisCache.redisAvailable());
        }
    }
}
