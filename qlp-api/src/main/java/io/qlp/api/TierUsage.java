package io.qlp.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tokens and cost spent on one tier.
 *
 * <p>Example: {@code new TierUsage(Tier.T0, 1, 120, 300, new BigDecimal("0.00051"))}
 *
 * @param tier the tier
 * @param calls number of model calls
 * @param inputTokens prompt tokens, summed from the responses
 * @param outputTokens completion tokens, summed from the responses
 * @param costUsd cost in US dollars from the configured prices
 */
public record TierUsage(Tier tier, int calls, long inputTokens, long outputTokens, BigDecimal costUsd) {

    /** Rejects negative counts and costs. */
    public TierUsage {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(costUsd, "costUsd");
        if (calls < 0 || inputTokens < 0 || outputTokens < 0 || costUsd.signum() < 0) {
            throw new IllegalArgumentException("usage must not be negative: calls=" + calls + ", input=" + inputTokens
                    + ", output=" + outputTokens + ", cost=" + costUsd);
        }
    }

    /** The sum of this usage and {@code other}, which must be for the same tier. */
    public TierUsage plus(TierUsage other) {
        if (other.tier != tier) {
            throw new IllegalArgumentException("cannot add usage of " + other.tier + " to " + tier);
        }
        return new TierUsage(tier, calls + other.calls, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, costUsd.add(other.costUsd));
    }
}
