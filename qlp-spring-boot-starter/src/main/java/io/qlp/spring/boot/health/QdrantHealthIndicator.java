package io.qlp.spring.boot.health;

import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when Qdrant answers its gRPC health check within the timeout; the details name the server's version.
 *
 * <p>Example: {@code new QdrantHealthIndicator(client, Duration.ofSeconds(2)).health()}
 */
public final class QdrantHealthIndicator extends AbstractHealthIndicator {

    private final QdrantClient client;
    private final Duration timeout;

    /** Checks {@code client}'s server. */
    public QdrantHealthIndicator(QdrantClient client, Duration timeout) {
        super("Qdrant health check failed");
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var reply = client.healthCheckAsync(timeout).get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        builder.up().withDetail("version", reply.getVersion());
    }
}
