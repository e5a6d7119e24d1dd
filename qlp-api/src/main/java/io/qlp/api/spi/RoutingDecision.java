package io.qlp.api.spi;

import io.qlp.api.Tier;
import java.util.Objects;

/**
 * A router's choice and its reason, kept in the capsule's attempt records.
 *
 * <p>Example: {@code new RoutingDecision(Tier.T1, "complexity 0.42: concurrency")}
 *
 * @param tier the chosen tier
 * @param reason why, in a few words
 */
public record RoutingDecision(Tier tier, String reason) {

    /** Rejects nulls. */
    public RoutingDecision {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(reason, "reason");
    }
}
