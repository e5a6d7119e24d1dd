package io.qlp.routing;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.TierRouter;
import io.qlp.routing.internal.ComplexityScorer;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link TierRouter} that scores a request's complexity from cheap text signals and maps the score to a tier.
 * It reads no model and no network, and decides in microseconds; instances are immutable and thread-safe.
 *
 * <p>The score, in [0, 1] and rounded to two decimals, is the weighted sum of these signals, each counting fully
 * at its saturation:
 * <table>
 *   <caption>Signals of the complexity score</caption>
 *   <tr><th>signal</th><th>weight</th><th>counts fully at</th></tr>
 *   <tr><td>length</td><td>0.10</td><td>1000 characters of description, requirements and constraints</td></tr>
 *   <tr><td>requirements</td><td>0.10</td><td>8 requirements plus constraints</td></tr>
 *   <tr><td>components</td><td>0.10</td><td>6 components asked for (classes, endpoints, services, modules,
 *       tables…; "three services" counts 3)</td></tr>
 *   <tr><td>algorithmic</td><td>0.20</td><td>2 distinct terms (graph, dynamic programming, parser, compiler,
 *       optimize…); one term counts two thirds</td></tr>
 *   <tr><td>concurrency</td><td>0.20</td><td>2 distinct terms (thread, concurrent, async, lock…); one term
 *       counts two thirds</td></tr>
 *   <tr><td>security</td><td>0.125</td><td>2 distinct terms (auth, encrypt, token, password…); one term counts
 *       two thirds</td></tr>
 *   <tr><td>persistence</td><td>0.125</td><td>2 distinct terms (database, SQL, transaction, cache…); one term
 *       counts two thirds</td></tr>
 *   <tr><td>language</td><td>0.05</td><td>Java 1, JavaScript 0.5, Python 0</td></tr>
 * </table>
 *
 * <p>The score maps to T0 below {@code t1}, T1 from {@code t1}, T2 from {@code t2} and T3 from {@code t3}; the
 * defaults are {@value #DEFAULT_T1}, {@value #DEFAULT_T2} and {@value #DEFAULT_T3}. When the wanted tier is not
 * available the nearest available one is used ({@link Tier#nearestOf}). After {@code escalateAfterFailures}
 * failed attempts on a tier (default {@value #DEFAULT_ESCALATE_AFTER_FAILURES}) the router moves to the next
 * stronger available tier, and stays when there is none.
 *
 * <p>Example:
 * <pre>{@code
 * ComplexityRouter router = ComplexityRouter.builder().thresholds(0.15, 0.3, 0.6).escalateAfterFailures(1).build();
 * RoutingDecision first = router.route(request, EnumSet.allOf(Tier.class));
 * // first.reason() is, for example, "complexity 0.41: concurrency, persistence"
 * RoutingDecision next = router.afterFailure(request, first.tier(), 1, EnumSet.allOf(Tier.class));
 * }</pre>
 */
public final class ComplexityRouter implements TierRouter {

    /** Default lowest score routed to T1. */
    public static final double DEFAULT_T1 = 0.12;
    /** Default lowest score routed to T2. */
    public static final double DEFAULT_T2 = 0.22;
    /** Default lowest score routed to T3. */
    public static final double DEFAULT_T3 = 0.45;
    /** Default number of failed attempts on a tier before moving up. */
    public static final int DEFAULT_ESCALATE_AFTER_FAILURES = 2;

    private static final int SIGNALS_IN_REASON = 3;

    private final double t1;
    private final double t2;
    private final double t3;
    private final int escalateAfterFailures;
    private final ComplexityScorer scorer = new ComplexityScorer();

    private ComplexityRouter(Builder builder) {
        this.t1 = builder.t1;
        this.t2 = builder.t2;
        this.t3 = builder.t3;
        this.escalateAfterFailures = builder.escalateAfterFailures;
    }

    /** A router with the default thresholds and escalation. */
    public static ComplexityRouter create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The request's complexity score and the signals that raised it. */
    public ComplexityScore score(CapsuleRequest request) {
        return scorer.score(Objects.requireNonNull(request, "request"));
    }

    /**
     * The tier a score maps to, before looking at which tiers are available.
     *
     * @throws IllegalArgumentException naming the score when it is outside [0, 1]
     */
    public Tier tierFor(double score) {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within [0, 1]: " + score);
        }
        if (score >= t3) {
            return Tier.T3;
        }
        if (score >= t2) {
            return Tier.T2;
        }
        return score >= t1 ? Tier.T1 : Tier.T0;
    }

    /** How many failed attempts on a tier make the router move up. */
    public int escalateAfterFailures() {
        return escalateAfterFailures;
    }

    @Override
    public RoutingDecision route(CapsuleRequest request, Set<Tier> availableTiers) {
        requireTiers(availableTiers);
        ComplexityScore score = score(request);
        Tier wanted = tierFor(score.value());
        Tier chosen = wanted.nearestOf(availableTiers);
        String reason = score.describe(SIGNALS_IN_REASON);
        if (chosen != wanted) {
            reason += " (wanted " + wanted + ", not available)";
        }
        return new RoutingDecision(chosen, reason);
    }

    @Override
    public RoutingDecision afterFailure(CapsuleRequest request, Tier current, int failedAttemptsOnCurrent,
                                        Set<Tier> availableTiers) {
        Objects.requireNonNull(current, "current");
        requireTiers(availableTiers);
        if (failedAttemptsOnCurrent < 0) {
            throw new IllegalArgumentException("failedAttemptsOnCurrent must not be negative: "
                    + failedAttemptsOnCurrent);
        }
        String attempts = failedAttemptsOnCurrent + " failed attempt" + (failedAttemptsOnCurrent == 1 ? "" : "s");
        Optional<Tier> stronger = strongerAvailable(current, availableTiers);
        if (failedAttemptsOnCurrent >= escalateAfterFailures && stronger.isPresent()) {
            return new RoutingDecision(stronger.get(),
                    "escalate " + current + "→" + stronger.get() + " after " + attempts);
        }
        String why = failedAttemptsOnCurrent >= escalateAfterFailures
                ? "no stronger tier available"
                : "escalate after " + escalateAfterFailures;
        return new RoutingDecision(stayOn(current, availableTiers),
                "stay on " + current + " after " + attempts + " (" + why + ")");
    }

    /** The weakest available tier stronger than {@code current}. */
    private static Optional<Tier> strongerAvailable(Tier current, Set<Tier> availableTiers) {
        for (Optional<Tier> next = current.next(); next.isPresent(); next = next.get().next()) {
            if (availableTiers.contains(next.get())) {
                return next;
            }
        }
        return Optional.empty();
    }

    // The caller normally passes an available tier; if it no longer is, take the nearest, preferring stronger.
    private static Tier stayOn(Tier current, Set<Tier> availableTiers) {
        return availableTiers.contains(current) ? current : current.nearestOf(availableTiers);
    }

    private static void requireTiers(Set<Tier> availableTiers) {
        if (Objects.requireNonNull(availableTiers, "availableTiers").isEmpty()) {
            throw new IllegalArgumentException("availableTiers must not be empty");
        }
    }

    @Override
    public String toString() {
        return "ComplexityRouter[t1=" + t1 + ", t2=" + t2 + ", t3=" + t3 + ", escalateAfterFailures="
                + escalateAfterFailures + "]";
    }

    /**
     * Configures a {@link ComplexityRouter}; each option may be set once.
     *
     * <p>Example: {@code ComplexityRouter.builder().thresholds(0.3, 0.6, 0.9).build()}
     */
    public static final class Builder {
        private double t1 = DEFAULT_T1;
        private double t2 = DEFAULT_T2;
        private double t3 = DEFAULT_T3;
        private int escalateAfterFailures = DEFAULT_ESCALATE_AFTER_FAILURES;
        private boolean thresholdsSet;
        private boolean escalationSet;

        private Builder() {
        }

        /**
         * The lowest scores routed to T1, T2 and T3.
         *
         * @throws IllegalArgumentException naming the value when one is outside (0, 1] or they do not increase
         * @throws IllegalStateException when thresholds were already set
         */
        public Builder thresholds(double t1, double t2, double t3) {
            if (thresholdsSet) {
                throw new IllegalStateException("thresholds were already set to " + this.t1 + ", " + this.t2 + ", "
                        + this.t3);
            }
            requireWithinUnit("t1", t1);
            requireWithinUnit("t2", t2);
            requireWithinUnit("t3", t3);
            requireIncreasing("t1", t1, "t2", t2);
            requireIncreasing("t2", t2, "t3", t3);
            this.t1 = t1;
            this.t2 = t2;
            this.t3 = t3;
            this.thresholdsSet = true;
            return this;
        }

        /**
         * How many failed attempts on a tier make the router move to the next stronger one.
         *
         * @throws IllegalArgumentException naming the value when it is below 1
         * @throws IllegalStateException when it was already set
         */
        public Builder escalateAfterFailures(int failures) {
            if (escalationSet) {
                throw new IllegalStateException("escalateAfterFailures was already set to "
                        + this.escalateAfterFailures);
            }
            if (failures < 1) {
                throw new IllegalArgumentException("escalateAfterFailures must be at least 1: " + failures);
            }
            this.escalateAfterFailures = failures;
            this.escalationSet = true;
            return this;
        }

        /** Builds the router. */
        public ComplexityRouter build() {
            return new ComplexityRouter(this);
        }

        private static void requireWithinUnit(String name, double value) {
            if (!(value > 0.0 && value <= 1.0)) {
                throw new IllegalArgumentException("threshold " + name + " must be within (0, 1]: " + value);
            }
        }

        private static void requireIncreasing(String lowerName, double lower, String upperName, double upper) {
            if (!(upper > lower)) {
                throw new IllegalArgumentException("threshold " + upperName + " must be greater than " + lowerName
                        + " (" + lower + "): " + upper);
            }
        }
    }
}
