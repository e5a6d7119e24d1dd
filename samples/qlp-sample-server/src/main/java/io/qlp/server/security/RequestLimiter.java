package io.qlp.server.security;

import java.time.Duration;
import java.util.Optional;

/**
 * Allows each API key a number of requests per minute.
 *
 * <p>Example: {@code limiter.tryAcquire(tenant.keyId()).ifPresent(wait -> respond429(wait));}
 */
public interface RequestLimiter extends AutoCloseable {

    /**
     * Takes one permit for the key.
     *
     * @param keyId the key's hash, never the key
     * @return empty when the request may go ahead, else how long to wait before trying again
     * @throws io.qlp.api.RetriableQlpException when the shared limiter store cannot be reached
     */
    Optional<Duration> tryAcquire(String keyId);

    /** What backs this limiter, for logs and health: {@code local} or {@code redis}. */
    String kind();

    @Override
    default void close() {
    }
}
