package io.qlp.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CapsuleStore} that keeps recently read capsules in memory (Caffeine) in front of another store, so that
 * repeated reads of the same capsule, such as {@code GET /v1/capsule/{id}}, do not reach the database.
 *
 * <ul>
 *   <li>A numbered version ({@link #findVersion}) never changes once stored, so it stays cached until the capsule is
 *       deleted, or until it is evicted by size. A cached version is served only while the capsule still exists as
 *       {@link #find} sees it, so a capsule deleted by another process stops being served within {@code latestTtl}
 *       too.</li>
 *   <li>The latest version ({@link #find}) is cached for at most {@code latestTtl} (default 2 s): another process
 *       writing to the same database is seen within that time.</li>
 *   <li>Writes through this store ({@code save}, {@code append}, {@code delete}) are seen at once by every later read
 *       through it: they drop the cached entries of the capsule after the write, and a read that raced a write does
 *       not keep what it read.</li>
 *   <li>{@link #history} and {@link #list} always ask the delegate. Unknown ids are not cached.</li>
 * </ul>
 *
 * <p>Closing this store closes the delegate.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleStore store = CachingCapsuleStore.builder()
 *     .delegate(jdbcStore)
 *     .maximumSize(10_000)
 *     .latestTtl(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 */
public final class CachingCapsuleStore implements CapsuleStore {

    /** Default most capsules kept, per cache (latest and numbered versions). */
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;
    /** Default longest time a latest version is served from memory. */
    public static final Duration DEFAULT_LATEST_TTL = Duration.ofSeconds(2);

    private record VersionKey(String id, int number) {
    }

    private final CapsuleStore delegate;
    private final Cache<String, Capsule> latest;
    private final Cache<VersionKey, Capsule> versions;
    /** Counts finished writes, so that a read can tell whether a write finished while it was reading. */
    private final AtomicLong writes = new AtomicLong();

    private CachingCapsuleStore(Builder builder) {
        this.delegate = builder.delegate;
        Caffeine<Object, Object> latestCache = Caffeine.newBuilder()
                .maximumSize(builder.maximumSize)
                .expireAfterWrite(builder.latestTtl);
        Caffeine<Object, Object> versionCache = Caffeine.newBuilder().maximumSize(builder.maximumSize);
        if (builder.ticker != null) {
            latestCache.ticker(builder.ticker);
            versionCache.ticker(builder.ticker);
        }
        this.latest = latestCache.build();
        this.versions = versionCache.build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The store this one reads through to. */
    public CapsuleStore delegate() {
        return delegate;
    }

    @Override
    public CapsuleVersion save(Capsule capsule, VersionMetadata metadata) {
        try {
            return delegate.save(capsule, metadata);
        } finally {
            written(capsule.id(), false);
        }
    }

    @Override
    public CapsuleVersion append(Capsule capsule, int baseVersion, VersionMetadata metadata) {
        try {
            return delegate.append(capsule, baseVersion, metadata);
        } finally {
            written(capsule.id(), false);
        }
    }

    @Override
    public Optional<Capsule> find(String id) {
        Capsule cached = latest.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return readThrough(latest, id, () -> delegate.find(id));
    }

    @Override
    public Optional<Capsule> findVersion(String id, int version) {
        VersionKey key = new VersionKey(id, version);
        Capsule cached = versions.getIfPresent(key);
        if (cached != null) {
            // Versions never change, but the capsule may have been deleted elsewhere; find() is itself cached briefly.
            if (find(id).isPresent()) {
                return Optional.of(cached);
            }
            versions.asMap().keySet().removeIf(cachedKey -> cachedKey.id().equals(id));
            return Optional.empty();
        }
        return readThrough(versions, key, () -> delegate.findVersion(id, version));
    }

    @Override
    public List<CapsuleVersion> history(String id) {
        return delegate.history(id);
    }

    @Override
    public List<Capsule> list(CapsuleQuery query) {
        return delegate.list(query);
    }

    @Override
    public boolean delete(String id) {
        try {
            return delegate.delete(id);
        } finally {
            written(id, true);
        }
    }

    /** Closes the delegate and forgets everything cached. */
    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            latest.invalidateAll();
            versions.invalidateAll();
        }
    }

    /** Names the delegate, such as {@code CachingCapsuleStore[JdbcCapsuleStore[jdbc:h2:...]]}. */
    @Override
    public String toString() {
        return "CachingCapsuleStore[" + delegate + "]";
    }

    /**
     * Reads from the delegate and caches what it found, unless a write finished meanwhile: that write may have
     * dropped the entry before this read put back what it read before the write.
     */
    private <K> Optional<Capsule> readThrough(Cache<K, Capsule> cache, K key, Supplier<Optional<Capsule>> read) {
        long before = writes.get();
        Optional<Capsule> found = read.get();
        found.ifPresent(capsule -> {
            cache.put(key, capsule);
            if (writes.get() != before) {
                cache.asMap().remove(key, capsule);
            }
        });
        return found;
    }

    /** Counts the write first, then drops the entries, so a racing read either sees the count or loses its entry. */
    private void written(String id, boolean deleted) {
        writes.incrementAndGet();
        latest.invalidate(id);
        if (deleted) {
            versions.asMap().keySet().removeIf(key -> key.id().equals(id));
        }
    }

    /**
     * Builds a {@link CachingCapsuleStore}.
     *
     * <p>Example: {@code CachingCapsuleStore.builder().delegate(store).build()}
     */
    public static final class Builder {

        private @Nullable CapsuleStore delegate;
        private long maximumSize = DEFAULT_MAXIMUM_SIZE;
        private boolean maximumSizeSet;
        private Duration latestTtl = DEFAULT_LATEST_TTL;
        private boolean latestTtlSet;
        private @Nullable Ticker ticker;

        private Builder() {
        }

        /** The store to read through to and write to; required. */
        public Builder delegate(CapsuleStore delegate) {
            if (this.delegate != null) {
                throw new IllegalStateException("delegate was already set to " + this.delegate);
            }
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            return this;
        }

        /**
         * Most capsules kept in each of the two caches; default {@value #DEFAULT_MAXIMUM_SIZE}.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maximumSize(long maximumSize) {
            if (maximumSizeSet) {
                throw new IllegalStateException("maximumSize was already set to " + this.maximumSize);
            }
            if (maximumSize < 0) {
                throw new IllegalArgumentException("maximumSize must not be negative, was " + maximumSize);
            }
            this.maximumSize = maximumSize;
            this.maximumSizeSet = true;
            return this;
        }

        /**
         * Longest time a latest version is served from memory, and so how late a write by another process may be
         * seen; default 2 s.
         *
         * @throws IllegalArgumentException when negative or zero
         */
        public Builder latestTtl(Duration latestTtl) {
            Objects.requireNonNull(latestTtl, "latestTtl");
            if (latestTtlSet) {
                throw new IllegalStateException("latestTtl was already set to " + this.latestTtl);
            }
            if (latestTtl.isNegative() || latestTtl.isZero()) {
                throw new IllegalArgumentException("latestTtl must be positive, was " + latestTtl);
            }
            this.latestTtl = latestTtl;
            this.latestTtlSet = true;
            return this;
        }

        /** The time source of the expiry; the system's by default. For tests. */
        public Builder ticker(Ticker ticker) {
            if (this.ticker != null) {
                throw new IllegalStateException("ticker was already set to " + this.ticker);
            }
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the store.
         *
         * @throws IllegalStateException when no delegate was set
         */
        public CachingCapsuleStore build() {
            if (delegate == null) {
                throw new IllegalStateException("a delegate store is required: call delegate(store)");
            }
            return new CachingCapsuleStore(this);
        }
    }
}
