package io.qlp.server.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The sample server's own settings, under {@code qlp.server}.
 *
 * <p>Example (YAML):
 * <pre>{@code
 * qlp:
 *   server:
 *     api-keys:
 *       - {tenant: acme, sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}
 *     rate-limit: {requests-per-minute: 120}
 *     max-request-bytes: 1MB
 * }</pre>
 *
 * @param apiKeys accepted keys, each as the hex SHA-256 of the key with the tenant it belongs to; when empty, the
 *     server makes one random key for tenant {@code local} at start and logs it once
 * @param rateLimit requests each key may make
 * @param maxRequestBytes largest request body; larger ones are answered with 413
 * @param eventLogSize most progress events kept per generation for replay
 * @param runRetention how long a finished generation's events stay replayable
 * @param waitTimeout longest a {@code ?wait=true} generate waits for the capsule
 */
@ConfigurationProperties("qlp.server")
public record ServerProperties(List<ApiKey> apiKeys, RateLimit rateLimit,
                               @DefaultValue("1MB") DataSize maxRequestBytes,
                               @DefaultValue("1000") int eventLogSize,
                               @DefaultValue("1h") Duration runRetention,
                               @DefaultValue("10m") Duration waitTimeout) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Checks every value, naming the bad one. */
    public ServerProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        rateLimit = rateLimit == null ? new RateLimit(60, null, "qlp:rate:") : rateLimit;
        if (maxRequestBytes.toBytes() < 1024) {
            throw new IllegalArgumentException("qlp.server.max-request-bytes must be at least 1KB: " + maxRequestBytes);
        }
        if (eventLogSize < 10 || eventLogSize > 100_000) {
            throw new IllegalArgumentException("qlp.server.event-log-size must be between 10 and 100000: "
                    + eventLogSize);
        }
        if (runRetention.isNegative() || runRetention.isZero()) {
            throw new IllegalArgumentException("qlp.server.run-retention must be positive: " + runRetention);
        }
        if (waitTimeout.isNegative() || waitTimeout.isZero()) {
            throw new IllegalArgumentException("qlp.server.wait-timeout must be positive: " + waitTimeout);
        }
    }

    /**
     * One accepted key, {@code qlp.server.api-keys[i]}.
     *
     * @param tenant whose capsules the key reaches: letters, digits, {@code .}, {@code _} and {@code -}
     * @param sha256 hex SHA-256 of the key's UTF-8 bytes, as printed by {@code qlp keys hash KEY}
     */
    public record ApiKey(String tenant, String sha256) {

        /** Checks the tenant name and the hash. */
        public ApiKey {
            if (tenant == null || !TENANT.matcher(tenant).matches()) {
                throw new IllegalArgumentException("qlp.server.api-keys[].tenant must be 1 to 64 letters, digits,"
                        + " '.', '_' or '-': " + tenant);
            }
            if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
                // The value may be a key pasted by mistake, so it is not repeated.
                throw new IllegalArgumentException("qlp.server.api-keys[].sha256 of tenant " + tenant
                        + " must be 64 hex digits (the SHA-256 of the key, not the key)");
            }
        }
    }

    /**
     * {@code qlp.server.rate-limit}.
     *
     * @param requestsPerMinute requests each key may make per minute
     * @param redisUrl a Redis shared by every instance, such as {@code redis://127.0.0.1:6379}; when unset,
     *     {@code qlp.cache.redis.url} is used, and without either the limit is kept in this process
     * @param redisKeyPrefix prefix of the limiter keys in Redis
     */
    public record RateLimit(@DefaultValue("60") int requestsPerMinute, @Nullable String redisUrl,
                            @DefaultValue("qlp:rate:") String redisKeyPrefix) {

        /** Checks the limit. */
        public RateLimit {
            if (requestsPerMinute < 1 || requestsPerMinute > 1_000_000) {
                throw new IllegalArgumentException(
                        "qlp.server.rate-limit.requests-per-minute must be between 1 and 1000000: "
                                + requestsPerMinute);
            }
            if (redisKeyPrefix == null || redisKeyPrefix.isBlank()) {
                redisKeyPrefix = "qlp:rate:";
            }
        }
    }
}
