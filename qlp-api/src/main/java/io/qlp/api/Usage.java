package io.qlp.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens and cost of a whole generation, per tier, in tier order.
 *
 * <p>Example: {@code Usage.none().plus(new TierUsage(Tier.T0, 1, 10, 20, BigDecimal.ZERO)).totalCalls()} is 1.
 *
 * @param perTier one entry per tier used, in tier order
 */
public record Usage(List<TierUsage> perTier) {

    /** Copies the list and rejects two entries for one tier. */
    public Usage {
        perTier = List.copyOf(perTier);
        if (perTier.stream().map(TierUsage::tier).distinct().count() != perTier.size()) {
            throw new IllegalArgumentException("one entry per tier expected: " + perTier);
        }
    }

    /** No usage. */
    public static Usage none() {
        return new Usage(List.of());
    }

    /** This usage with {@code added} merged into its tier's entry. */
    public Usage plus(TierUsage added) {
        Map<Tier, TierUsage> byTier = new EnumMap<>(Tier.class);
        perTier.forEach(u -> byTier.put(u.tier(), u));
        byTier.merge(added.tier(), added, TierUsage::plus);
        return new Usage(new ArrayList<>(byTier.values()));
    }

    /** Prompt tokens over all tiers. */
    public long inputTokens() {
        return perTier.stream().mapToLong(TierUsage::inputTokens).sum();
    }

    /** Completion tokens over all tiers. */
    public long outputTokens() {
        return perTier.stream().mapToLong(TierUsage::outputTokens).sum();
    }

    /** Cost in US dollars over all tiers. */
    public BigDecimal costUsd() {
        return perTier.stream().map(TierUsage::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Model calls over all tiers. */
    public int totalCalls() {
        return perTier.stream().mapToInt(TierUsage::calls).sum();
    }
}
