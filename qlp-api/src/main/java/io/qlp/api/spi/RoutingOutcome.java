package io.qlp.api.spi;

import io.qlp.api.Tier;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What happened on one tier during a generation, told to the router afterwards so it can learn.
 *
 * <p>Example: {@code new RoutingOutcome(Tier.T0, false, 2, new BigDecimal("0.0004"))} — T0 failed twice.
 *
 * @param tier the tier
 * @param validated whether validation passed on this tier
 * @param attempts attempts made on this tier
 * @param costUsd what those attempts cost
 */
public record RoutingOutcome(Tier tier, boolean validated, int attempts, BigDecimal costUsd) {

    /** Rejects nulls, non-positive attempts and negative costs. */
    public RoutingOutcome {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(costUsd, "costUsd");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive: " + attempts);
        }
        if (costUsd.signum() < 0) {
            throw new IllegalArgumentException("costUsd must not be negative: " + costUsd);
        }
    }
}
