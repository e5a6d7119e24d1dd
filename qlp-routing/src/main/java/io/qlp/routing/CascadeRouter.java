package io.qlp.routing;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.TierRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A cost-aware cascade in the FrugalGPT style: start on the cheapest plausible rung of a ladder of tiers and climb
 * one rung after each failed validation. "Plausible" means at most {@code stepsBelowComplexity} tiers below what
 * the {@link ComplexityRouter} would pick (default 1), so a request that is clearly hard does not pay for a
 * hopeless cheap attempt first; {@link Builder#startAtCheapest()} starts every request on the first rung.
 *
 * <p>Example:
 * <pre>{@code
 * CascadeRouter router = CascadeRouter.builder().ladder(Tier.T0, Tier.T1, Tier.T3).startAtCheapest().build();
 * }</pre>
 */
public final class CascadeRouter implements TierRouter {

    /** Default tiers a complexity estimate may be undercut by. */
    public static final int DEFAULT_STEPS_BELOW_COMPLEXITY = 1;

    private final List<Tier> ladder;
    private final int failuresBeforeEscalation;
    private final @Nullable ComplexityRouter complexity;
    private final int stepsBelowComplexity;

    private CascadeRouter(Builder builder) {
        this.ladder = builder.ladder != null ? builder.ladder : List.of(Tier.values());
        this.failuresBeforeEscalation = builder.failuresBeforeEscalation;
        this.complexity = builder.startAtCheapest ? null : ComplexityRouter.create();
        this.stepsBelowComplexity = builder.stepsBelowComplexity;
    }

    /** A cascade over T0→T3 that starts one tier below the complexity estimate and climbs after each failure. */
    public static CascadeRouter create() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rungs, cheapest first. */
    public List<Tier> ladder() {
        return ladder;
    }

    @Override
    public RoutingDecision route(CapsuleRequest request, Set<Tier> availableTiers) {
        List<Tier> rungs = rungs(availableTiers);
        Tier start = rungs.get(0);
        String reason = "cascade: cheapest rung " + start;
        if (complexity != null) {
            Tier estimate = complexity.tierFor(complexity.score(request).value());
            int floor = Math.max(0, estimate.ordinal() - stepsBelowComplexity);
            for (Tier rung : rungs) {
                start = rung;
                if (rung.ordinal() >= floor) {
                    break;
                }
            }
            reason = "cascade: cheapest plausible rung " + start + " (complexity suggests " + estimate + ")";
        }
        return new RoutingDecision(start, reason);
    }

    @Override
    public RoutingDecision afterFailure(CapsuleRequest request, Tier current, int failedAttemptsOnCurrent,
                                        Set<Tier> availableTiers) {
        if (failedAttemptsOnCurrent < failuresBeforeEscalation) {
            return new RoutingDecision(current, "cascade: retry on " + current);
        }
        for (Tier rung : rungs(availableTiers)) {
            if (rung.ordinal() > current.ordinal()) {
                return new RoutingDecision(rung, "cascade: escalate " + current + "→" + rung + " after "
                        + failedAttemptsOnCurrent + " failed attempts");
            }
        }
        return new RoutingDecision(current, "cascade: top rung " + current + " reached");
    }

    /** Ladder rungs that are configured; the nearest available tier when none is. */
    private List<Tier> rungs(Set<Tier> availableTiers) {
        List<Tier> rungs = new ArrayList<>();
        for (Tier rung : ladder) {
            if (availableTiers.contains(rung)) {
                rungs.add(rung);
            }
        }
        if (rungs.isEmpty()) {
            rungs.add(ladder.get(0).nearestOf(availableTiers));
        }
        return rungs;
    }

    /** Builds {@link CascadeRouter}s. */
    public static final class Builder {
        private @Nullable List<Tier> ladder;
        private int failuresBeforeEscalation = 1;
        private boolean failuresSet;
        private boolean startAtCheapest;
        private int stepsBelowComplexity = DEFAULT_STEPS_BELOW_COMPLEXITY;
        private boolean stepsSet;

        private Builder() {
        }

        /**
         * The rungs, cheapest first; default T0, T1, T2, T3.
         *
         * @throws IllegalArgumentException when empty or not strictly increasing
         */
        public Builder ladder(Tier... rungs) {
            if (ladder != null) {
                throw new IllegalStateException("ladder was already set to " + ladder);
            }
            if (rungs.length == 0) {
                throw new IllegalArgumentException("ladder must have at least one tier");
            }
            for (int i = 1; i < rungs.length; i++) {
                if (rungs[i].ordinal() <= rungs[i - 1].ordinal()) {
                    throw new IllegalArgumentException("ladder must go from cheaper to stronger tiers: "
                            + List.of(rungs));
                }
            }
            this.ladder = List.of(rungs);
            return this;
        }

        /** Failed attempts on a rung before climbing, at least 1; default 1. */
        public Builder failuresBeforeEscalation(int failures) {
            if (failuresSet) {
                throw new IllegalStateException("failuresBeforeEscalation was already set");
            }
            if (failures < 1) {
                throw new IllegalArgumentException("failuresBeforeEscalation must be at least 1: " + failures);
            }
            this.failuresBeforeEscalation = failures;
            failuresSet = true;
            return this;
        }

        /** Start every request on the first rung, whatever its complexity. */
        public Builder startAtCheapest() {
            if (stepsSet) {
                throw new IllegalStateException("startAtCheapest cannot be combined with stepsBelowComplexity");
            }
            this.startAtCheapest = true;
            return this;
        }

        /** How many tiers below the complexity estimate a request may start, 0 to 3; default 1. */
        public Builder stepsBelowComplexity(int steps) {
            if (startAtCheapest) {
                throw new IllegalStateException("stepsBelowComplexity cannot be combined with startAtCheapest");
            }
            if (stepsSet) {
                throw new IllegalStateException("stepsBelowComplexity was already set");
            }
            if (steps < 0 || steps > 3) {
                throw new IllegalArgumentException("stepsBelowComplexity must be between 0 and 3: " + steps);
            }
            this.stepsBelowComplexity = steps;
            stepsSet = true;
            return this;
        }

        /** Builds the router. */
        public CascadeRouter build() {
            return new CascadeRouter(this);
        }
    }
}
