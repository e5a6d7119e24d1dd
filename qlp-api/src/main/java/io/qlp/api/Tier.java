package io.qlp.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Model tiers from the cheapest ({@link #T0}) to the strongest ({@link #T3}).
 *
 * <p>Example: {@code Tier.T0.next()} is {@code Optional.of(Tier.T1)}; {@code Tier.parse("t2")} is {@link #T2}.
 */
public enum Tier {
    /** Cheapest tier, for simple requests. */
    T0,
    /** Moderate tier. */
    T1,
    /** Strong tier. */
    T2,
    /** Strongest tier. */
    T3;

    /** The next stronger tier, or empty for {@link #T3}. */
    public Optional<Tier> next() {
        return ordinal() == values().length - 1 ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    /**
     * The tier of {@code candidates} nearest to this one; on a tie the stronger one wins, since a weaker model
     * than asked for is the worse surprise.
     *
     * @throws IllegalArgumentException if {@code candidates} is empty
     */
    public Tier nearestOf(Collection<Tier> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates must not be empty");
        }
        Tier best = null;
        for (Tier candidate : candidates) {
            if (best == null) {
                best = candidate;
                continue;
            }
            int distance = Math.abs(candidate.ordinal() - ordinal());
            int bestDistance = Math.abs(best.ordinal() - ordinal());
            if (distance < bestDistance || (distance == bestDistance && candidate.ordinal() > best.ordinal())) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Reads {@code "T1"} or {@code "t1"}.
     *
     * @throws IllegalArgumentException naming the value when it is no tier
     */
    public static Tier parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown tier '" + text + "'; expected one of T0, T1, T2, T3", e);
        }
    }
}
