package io.qlp.core.cache;

import io.qlp.api.Capsule;
import io.qlp.core.cache.internal.LocalExactCache;
import java.time.Duration;
import java.util.Optional;

/**
 * Validated capsules by {@link CacheKey}. Implementations never throw on a cache failure: a cache that cannot answer
 * is a miss, and one that cannot store skips it, so a request never fails because of its cache.
 *
 * <p>Example:
 * <pre>{@code
 * ExactCache cache = ExactCache.local(Duration.ofHours(24), 10_000);
 * cache.put(key, capsule);
 * Optional<Capsule> again = cache.get(key);
 * }</pre>
 */
public interface ExactCache extends AutoCloseable {

    /** Default time to live of an entry. */
    Duration DEFAULT_TTL = Duration.ofHours(24);
    /** Default most entries of a local cache. */
    long DEFAULT_MAX_ENTRIES = 10_000;

    /** The capsule stored under {@code key}, if any and not expired. */
    Optional<Capsule> get(String key);

    /** Stores the capsule under {@code key}, replacing any earlier one. */
    void put(String key, Capsule capsule);

    /** A short name for logs and metrics, such as {@code caffeine} or {@code redis}. */
    String name();

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {
    }

    /**
     * A cache in this process (Caffeine), evicting the least valuable entries beyond {@code maxEntries}.
     *
     * @throws IllegalArgumentException naming the value when {@code ttl} is not positive or {@code maxEntries} < 1
     */
    static ExactCache local(Duration ttl, long maxEntries) {
        return new LocalExactCache(ttl, maxEntries);
    }

    /** A local cache with {@link #DEFAULT_TTL} and {@link #DEFAULT_MAX_ENTRIES}. */
    static ExactCache local() {
        return local(DEFAULT_TTL, DEFAULT_MAX_ENTRIES);
    }
}
