package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.RedisExactCache;
import io.qlp.core.cache.SemanticCache;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The capsule caches, under {@code qlp.cache}.
 *
 * <p>Example (YAML):
 * <pre>{@code
 * cache:
 *   exact: {enabled: true, ttl: PT24H}
 *   semantic: {enabled: true, threshold: 0.75}
 *   redis: {url: redis://127.0.0.1:6379}
 * }</pre>
 *
 * @param exact the exact cache; on by default
 * @param semantic the semantic cache; off by default
 * @param redis a Redis shared by every instance; without it the exact cache is local (Caffeine)
 */
public record CacheSettings(@Nullable Exact exact, @Nullable Semantic semantic, @Nullable Redis redis) {

    /**
     * {@code qlp.cache.exact}.
     *
     * @param enabled whether the same request is answered from the cache; default true
     * @param ttl how long an entry lives; default 24 hours
     */
    public record Exact(@Nullable Boolean enabled, @Nullable Duration ttl) {
    }

    /**
     * {@code qlp.cache.semantic}.
     *
     * @param enabled whether a request with the same meaning is answered from the cache, after validating the
     *     cached capsule again; default false
     * @param threshold lowest similarity of a hit; default {@link SemanticCache#DEFAULT_THRESHOLD}
     */
    public record Semantic(@Nullable Boolean enabled, @Nullable Double threshold) {
    }

    /**
     * {@code qlp.cache.redis}.
     *
     * @param url such as {@code redis://127.0.0.1:6379}
     */
    public record Redis(@Nullable String url) {
    }

    /** Exact cache on and local, semantic cache off. */
    public static CacheSettings defaults() {
        return new CacheSettings(null, null, null);
    }

    /** Whether the exact cache is on. */
    public boolean exactEnabled() {
        return exact == null || exact.enabled() == null || exact.enabled();
    }

    /** Whether the semantic cache is on. */
    public boolean semanticEnabled() {
        return semantic != null && Boolean.TRUE.equals(semantic.enabled());
    }

    /** The semantic threshold, checked. */
    public double semanticThreshold() {
        double threshold = semantic == null || semantic.threshold() == null
                ? SemanticCache.DEFAULT_THRESHOLD : semantic.threshold();
        if (!(threshold > 0 && threshold <= 1)) {
            throw configuration("qlp.cache.semantic.threshold",
                    "qlp.cache.semantic.threshold must be above 0 and at most 1, was " + threshold);
        }
        return threshold;
    }

    /**
     * The exact cache: Redis with a local cache in front when {@code qlp.cache.redis.url} is set, else local.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when a value is invalid
     */
    public ExactCache openExactCache() {
        Duration ttl = exact == null || exact.ttl() == null ? ExactCache.DEFAULT_TTL : exact.ttl();
        try {
            if (redis != null && redis.url() != null && !redis.url().isBlank()) {
                return RedisExactCache.builder().url(redis.url().trim()).ttl(ttl).build();
            }
            return ExactCache.local(ttl, ExactCache.DEFAULT_MAX_ENTRIES);
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.cache", "qlp.cache: " + e.getMessage());
        }
    }

    private static NonRetriableQlpException configuration(String key, String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", key));
    }
}
