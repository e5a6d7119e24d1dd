package io.qlp.spring.boot.health;

import io.grpc.health.v1.HealthCheckResponse;
import io.qlp.core.orchestration.TemporalConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the Temporal frontend answers the gRPC health check with {@code SERVING} within the timeout; the details
 * name the task queue capsule workflows run on.
 *
 * <p>Example: {@code new TemporalHealthIndicator(connection, Duration.ofSeconds(2)).health()}
 */
public final class TemporalHealthIndicator extends AbstractHealthIndicator {

    private final TemporalConnection connection;
    private final Duration timeout;

    /** Checks the service behind {@code connection}. */
    public TemporalHealthIndicator(TemporalConnection connection, Duration timeout) {
        super("Temporal health check failed");
        this.connection = connection;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        // The stubs' own deadline is long; a probe must answer quickly.
        HealthCheckResponse response = CompletableFuture
                .supplyAsync(() -> connection.client().getWorkflowServiceStubs().healthCheck())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean serving = response.getStatus() == HealthCheckResponse.ServingStatus.SERVING;
        (serving ? builder.up() : builder.down())
                .withDetail("status", response.getStatus().name())
                .withDetail("taskQueue", connection.taskQueue());
    }
}
