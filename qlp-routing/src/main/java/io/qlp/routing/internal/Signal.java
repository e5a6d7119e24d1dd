package io.qlp.routing.internal;

/**
 * The signals of the complexity score, each with its weight and the raw amount at which it counts fully.
 * The weights add up to 1, so the score stays within [0, 1].
 *
 * <p>Example: {@code Signal.CONCURRENCY.contribution(1)} is two thirds of the concurrency weight.
 */
public enum Signal {
    /** Characters of description, requirements and constraints; full at 1000. */
    LENGTH("length", 0.10, 1000),
    /** Number of requirements plus constraints; full at 8. */
    REQUIREMENTS("requirements", 0.10, 8),
    /** Number of components asked for (classes, endpoints, services…); full at 6. */
    COMPONENTS("components", 0.10, 6),
    /** Distinct algorithmic terms (graph, parser, dynamic programming…); two thirds at 1, full at 2. */
    ALGORITHMIC("algorithmic", 0.20, Signal.TERMS_FOR_FULL),
    /** Distinct concurrency terms (thread, async, lock…); two thirds at 1, full at 2. */
    CONCURRENCY("concurrency", 0.20, Signal.TERMS_FOR_FULL),
    /** Distinct security terms (authentication, encryption, token…); two thirds at 1, full at 2. */
    SECURITY("security", 0.125, Signal.TERMS_FOR_FULL),
    /** Distinct persistence terms (database, SQL, transaction, cache…); two thirds at 1, full at 2. */
    PERSISTENCE("persistence", 0.125, Signal.TERMS_FOR_FULL),
    /** How demanding the target language is: Java 1, JavaScript 0.5, Python 0; full at 1. */
    LANGUAGE("language", 0.05, 1);

    // One term of a domain already says much ("thread-safe"); a second confirms it.
    private static final double TERMS_FOR_FULL = 1.5;

    private final String label;
    private final double weight;
    private final double saturation;

    Signal(String label, double weight, double saturation) {
        this.label = label;
        this.weight = weight;
        this.saturation = saturation;
    }

    /** The lower-case name used in routing reasons. */
    public String label() {
        return label;
    }

    /** This signal's share of the score. */
    public double weight() {
        return weight;
    }

    /** The weighted contribution of a raw amount, capped at {@link #weight()}. */
    public double contribution(double amount) {
        return weight * Math.min(1.0, Math.max(0.0, amount) / saturation);
    }
}
