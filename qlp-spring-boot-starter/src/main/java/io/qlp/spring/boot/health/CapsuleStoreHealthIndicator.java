package io.qlp.spring.boot.health;

import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the capsule store answers a one-row listing, the cheapest read every store supports.
 *
 * <p>Example: {@code new CapsuleStoreHealthIndicator(store).health()}
 */
public final class CapsuleStoreHealthIndicator extends AbstractHealthIndicator {

    private final CapsuleStore store;

    /** Checks {@code store}. */
    public CapsuleStoreHealthIndicator(CapsuleStore store) {
        super("capsule store health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.list(CapsuleQuery.firstPage(1));
        builder.up().withDetail("store", store.toString());
    }
}
