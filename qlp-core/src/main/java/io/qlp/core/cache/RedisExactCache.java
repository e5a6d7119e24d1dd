package io.qlp.core.cache;

import io.qlp.api.Capsule;
import io.qlp.core.json.CapsuleJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ExactCache} shared by every instance that points at the same Redis, through Redisson, with a local
 * cache in front. Capsules are stored as JSON under {@code <prefix><key>} with the time to live.
 *
 * <p>Redis being down never fails a request: reads and writes go to the local cache alone, with one warning per
 * outage, and Redis is tried again after {@code reconnectInterval}. Each Redis command waits at most
 * {@code timeout} and is not retried, so an outage costs at most one timeout per {@code reconnectInterval}.
 *
 * <p>Example:
 * <pre>{@code
 * ExactCache cache = RedisExactCache.builder().url("redis://127.0.0.1:6379").ttl(Duration.ofHours(24)).build();
 * }</pre>
 */
public final class RedisExactCache implements ExactCache {

    /** Default prefix of every key. */
    public static final String DEFAULT_PREFIX = "qlp:capsule:";

    private static final Logger LOG = LoggerFactory.getLogger(RedisExactCache.class);

    private final String url;
    private final Duration ttl;
    private final Duration timeout;
    private final Duration reconnectInterval;
    private final String prefix;
    private final ExactCache local;
    private final Clock clock;
    private @Nullable RedissonClient client;
    private Instant retryAfter = Instant.MIN;
    private boolean warned;

    private RedisExactCache(Builder builder, String url) {
        this.url = url;
        this.ttl = builder.ttl;
        this.timeout = builder.timeout;
        this.reconnectInterval = builder.reconnectInterval;
        this.prefix = builder.prefix;
        this.local = builder.local != null ? builder.local : ExactCache.local(builder.ttl, DEFAULT_MAX_ENTRIES);
        this.clock = builder.clock;
    }

    /** A new builder; {@link Builder#url(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<Capsule> get(String key) {
        Optional<Capsule> near = local.get(key);
        if (near.isPresent()) {
            return near;
        }
        RedissonClient redis = connection();
        if (redis == null) {
            return Optional.empty();
        }
        try {
            String json = redis.<String>getBucket(prefix + key, StringCodec.INSTANCE).get();
            recovered();
            if (json == null) {
                return Optional.empty();
            }
            Capsule capsule = CapsuleJson.readCapsule(json);
            local.put(key, capsule);
            return Optional.of(capsule);
        } catch (RuntimeException e) {
            unavailable(e);
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Capsule capsule) {
        local.put(key, capsule);
        RedissonClient redis = connection();
        if (redis == null) {
            return;
        }
        try {
            redis.<String>getBucket(prefix + key, StringCodec.INSTANCE).set(CapsuleJson.writeCompact(capsule), ttl);
            recovered();
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    /** Whether the last Redis command succeeded; false while Redis is down and the local cache serves alone. */
    public synchronized boolean redisAvailable() {
        return client != null && !warned;
    }

    private synchronized @Nullable RedissonClient connection() {
        // After a failure Redis is left alone for a while, so an outage does not cost every request a timeout.
        if (clock.instant().isBefore(retryAfter)) {
            return null;
        }
        if (client != null) {
            return client;
        }
        try {
            Config config = new Config();
            config.useSingleServer().setAddress(url)
                    .setTimeout(Math.toIntExact(timeout.toMillis()))
                    .setConnectTimeout(Math.toIntExact(timeout.toMillis()))
                    .setRetryAttempts(0)
                    .setConnectionMinimumIdleSize(1)
                    .setConnectionPoolSize(8);
            config.setNettyThreads(4).setThreads(2);
            client = Redisson.create(config);
            return client;
        } catch (RuntimeException e) {
            unavailable(e);
            return null;
        }
    }

    private synchronized void unavailable(RuntimeException e) {
        retryAfter = clock.instant().plus(reconnectInterval);
        if (!warned) {
            LOG.warn("Redis cache at {} is unavailable ({}); using the local cache until it is back", url,
                    e.toString());
            warned = true;
        }
    }

    private synchronized void recovered() {
        if (warned) {
            LOG.info("Redis cache at {} is available again", url);
            warned = false;
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    /** Shuts the Redis client down. */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
        local.close();
    }

    @Override
    public String toString() {
        return "RedisExactCache[" + url + ", ttl=" + ttl + "]";
    }

    /** Builds {@link RedisExactCache}s. */
    public static final class Builder {
        private @Nullable String url;
        private Duration ttl = DEFAULT_TTL;
        private boolean ttlSet;
        private Duration timeout = Duration.ofSeconds(1);
        private boolean timeoutSet;
        private Duration reconnectInterval = Duration.ofSeconds(30);
        private boolean reconnectIntervalSet;
        private String prefix = DEFAULT_PREFIX;
        private boolean prefixSet;
        private @Nullable ExactCache local;
        private Clock clock = Clock.systemUTC();
        private boolean clockSet;

        private Builder() {
        }

        /** Redis URL such as {@code redis://127.0.0.1:6379} or {@code rediss://user:pw@host:6380}. Required. */
        public Builder url(String url) {
            if (this.url != null) {
                throw new IllegalStateException("url was already set to " + this.url);
            }
            if (!Objects.requireNonNull(url, "url").startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new IllegalArgumentException("url must start with redis:// or rediss://: " + url);
            }
            this.url = url;
            return this;
        }

        /** Time to live of an entry, in Redis and locally; default 24 hours. */
        public Builder ttl(Duration ttl) {
            ttlSet = once(ttlSet, "ttl", this.ttl);
            this.ttl = positive(ttl, "ttl");
            return this;
        }

        /** Longest wait for one Redis command or connection; default 1 s. */
        public Builder timeout(Duration timeout) {
            timeoutSet = once(timeoutSet, "timeout", this.timeout);
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** How long to wait before connecting again after a failed connection; default 30 s. */
        public Builder reconnectInterval(Duration reconnectInterval) {
            reconnectIntervalSet = once(reconnectIntervalSet, "reconnectInterval", this.reconnectInterval);
            this.reconnectInterval = positive(reconnectInterval, "reconnectInterval");
            return this;
        }

        /** Prefix of every key; default {@value #DEFAULT_PREFIX}. */
        public Builder prefix(String prefix) {
            prefixSet = once(prefixSet, "prefix", this.prefix);
            if (Objects.requireNonNull(prefix, "prefix").isBlank()) {
                throw new IllegalArgumentException("prefix must not be blank: '" + prefix + "'");
            }
            this.prefix = prefix;
            return this;
        }

        /** The local cache in front of Redis, also used alone while Redis is down; default Caffeine. */
        public Builder local(ExactCache local) {
            if (this.local != null) {
                throw new IllegalStateException("local was already set to " + this.local);
            }
            this.local = Objects.requireNonNull(local, "local");
            return this;
        }

        /** Clock for the reconnect interval; default UTC system clock. */
        public Builder clock(Clock clock) {
            clockSet = once(clockSet, "clock", this.clock);
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the cache; it connects on first use.
         *
         * @throws IllegalStateException when no url is set
         */
        public RedisExactCache build() {
            if (url == null) {
                throw new IllegalStateException("url must be set: call url(\"redis://host:port\")");
            }
            return new RedisExactCache(this, url);
        }

        private static boolean once(boolean set, String name, Object current) {
            if (set) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
            return true;
        }

        private static Duration positive(Duration value, String name) {
            if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
