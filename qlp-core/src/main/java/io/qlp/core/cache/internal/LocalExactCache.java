package io.qlp.core.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qlp.api.Capsule;
import io.qlp.core.cache.ExactCache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ExactCache} in this process, backed by Caffeine with a time to live and a size bound.
 *
 * <p>Example: {@code new LocalExactCache(Duration.ofHours(1), 1000).put(key, capsule)}
 */
public final class LocalExactCache implements ExactCache {

    private final Cache<String, Capsule> entries;
    private final Duration ttl;

    /**
     * A cache whose entries live {@code ttl}, at most {@code maxEntries} of them.
     *
     * @throws IllegalArgumentException naming the value when {@code ttl} is not positive or {@code maxEntries} < 1
     */
    public LocalExactCache(Duration ttl, long maxEntries) {
        if (Objects.requireNonNull(ttl, "ttl").isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.ttl = ttl;
        this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    @Override
    public Optional<Capsule> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key));
    }

    @Override
    public void put(String key, Capsule capsule) {
        entries.put(key, capsule);
    }

    @Override
    public String name() {
        return "caffeine";
    }

    @Override
    public String toString() {
        return "LocalExactCache[ttl=" + ttl + ", entries=" + entries.estimatedSize() + "]";
    }
}
