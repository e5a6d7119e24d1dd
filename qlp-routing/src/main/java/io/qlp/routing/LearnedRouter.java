package io.qlp.routing;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.TierRouter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A router that learns from outcomes: for a new request it looks up the most similar past requests in its
 * {@link OutcomeHistory}, estimates each tier's pass rate from what happened to them, and picks the cheapest
 * available tier whose estimate clears the target. With too little history it asks its fallback (the
 * {@link ComplexityRouter} by default). A small exploration rate sometimes tries one tier cheaper, so the router
 * keeps finding out whether cheaper tiers have become good enough.
 *
 * <p>Estimates: each past outcome weighs its request's similarity (below {@code minSimilarity} it is ignored);
 * a tier's pass rate is the weighted share of validated attempts, smoothed by a prior worth two attempts: 0.9 for
 * tiers at or above the fallback's choice, 0.5 below it. A stronger tier is assumed at least as good as a weaker
 * one, so estimates are made non-decreasing by tier.
 *
 * <p>Example:
 * <pre>{@code
 * LearnedRouter router = LearnedRouter.builder().targetPassRate(0.9).explorationRate(0.05).build();
 * RoutingDecision decision = router.route(request, EnumSet.allOf(Tier.class));
 * // … after the generation:
 * router.recordOutcome(request, List.of(new RoutingOutcome(decision.tier(), true, 1, cost)));
 * }</pre>
 */
public final class LearnedRouter implements TierRouter {

    /** Default pass rate a tier must be expected to reach. */
    public static final double DEFAULT_TARGET_PASS_RATE = 0.6;
    /** Default share of decisions that try one tier cheaper. */
    public static final double DEFAULT_EXPLORATION_RATE = 0.05;
    /** Default number of similar past requests consulted. */
    public static final int DEFAULT_NEIGHBOURS = 20;
    /** Default least similarity for a past request to count. */
    public static final double DEFAULT_MIN_SIMILARITY = 0.3;
    /** Default least summed similarity weight before the history is trusted over the fallback. */
    public static final double DEFAULT_MIN_EVIDENCE = 2.0;

    private static final double PRIOR_WEIGHT = 2;
    private static final double PRIOR_AT_OR_ABOVE_SUGGESTED = 0.9;
    private static final double PRIOR_BELOW_SUGGESTED = 0.5;

    private final OutcomeHistory history;
    private final TierRouter fallback;
    private final double targetPassRate;
    private final double explorationRate;
    private final int neighbours;
    private final double minSimilarity;
    private final double minEvidence;
    private final int escalateAfterFailures;
    private final Random random;

    private LearnedRouter(Builder builder) {
        this.history = builder.history != null ? builder.history : OutcomeHistory.recent(10_000);
        this.fallback = builder.fallback != null ? builder.fallback : ComplexityRouter.create();
        this.targetPassRate = builder.targetPassRate;
        this.explorationRate = builder.explorationRate;
        this.neighbours = builder.neighbours;
        this.minSimilarity = builder.minSimilarity;
        this.minEvidence = builder.minEvidence;
        this.escalateAfterFailures = builder.escalateAfterFailures;
        this.random = builder.seed != null ? new Random(builder.seed) : new Random();
    }

    /** A router with the defaults and an in-process history of the last 10,000 requests. */
    public static LearnedRouter create() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RoutingDecision route(CapsuleRequest request, Set<Tier> availableTiers) {
        Map<Tier, double[]> evidence = evidence(request);
        double totalWeight = evidence.values().stream().mapToDouble(e -> e[1]).sum();
        if (totalWeight < minEvidence) {
            RoutingDecision fallbackDecision = fallback.route(request, availableTiers);
            return new RoutingDecision(fallbackDecision.tier(), "learned: too little history ("
                    + format(totalWeight) + "), " + fallbackDecision.reason());
        }
        Tier suggested = fallback.route(request, availableTiers).tier();
        Map<Tier, Double> estimates = estimates(evidence, suggested);
        TreeSet<Tier> available = new TreeSet<>(availableTiers);
        Tier chosen = null;
        for (Tier tier : available) {
            if (estimates.get(tier) >= targetPassRate) {
                chosen = tier;
                break;
            }
        }
        String why;
        if (chosen == null) {
            chosen = available.last();
            why = "no tier expected to reach " + format(targetPassRate) + ", strongest available";
        } else {
            why = "cheapest tier expected to pass " + format(estimates.get(chosen));
        }
        Tier cheaper = available.lower(chosen);
        if (cheaper != null && random.nextDouble() < explorationRate) {
            return new RoutingDecision(cheaper, "learned: exploring " + cheaper + " (expected "
                    + format(estimates.get(cheaper)) + ") instead of " + chosen);
        }
        return new RoutingDecision(chosen, "learned: " + why + " from " + format(totalWeight) + " similar outcomes");
    }

    @Override
    public RoutingDecision afterFailure(CapsuleRequest request, Tier current, int failedAttemptsOnCurrent,
                                        Set<Tier> availableTiers) {
        if (failedAttemptsOnCurrent < escalateAfterFailures) {
            return new RoutingDecision(current, "retry on " + current);
        }
        Tier higher = new TreeSet<>(availableTiers).higher(current);
        return higher == null
                ? new RoutingDecision(current, "stay on " + current + ": no stronger tier")
                : new RoutingDecision(higher, "escalate " + current + "→" + higher + " after "
                        + failedAttemptsOnCurrent + " failed attempts");
    }

    @Override
    public void recordOutcome(CapsuleRequest request, List<RoutingOutcome> outcomes) {
        history.record(request, outcomes);
    }

    /** Per tier: {weighted passes, weighted trials}. */
    private Map<Tier, double[]> evidence(CapsuleRequest request) {
        Map<Tier, double[]> evidence = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            evidence.put(tier, new double[2]);
        }
        for (PastOutcome past : history.similar(request, neighbours)) {
            if (past.similarity() < minSimilarity) {
                continue;
            }
            double[] counts = evidence.get(past.outcome().tier());
            double weight = past.similarity() * past.outcome().attempts();
            // A validated outcome after n attempts is one pass in n trials; a failed one is n failures.
            counts[0] += past.outcome().validated() ? past.similarity() : 0;
            counts[1] += weight;
        }
        return evidence;
    }

    /**
     * Beta-smoothed pass rates: the prior is what the fallback suggests (tiers at or above its choice are expected
     * to pass, cheaper ones are a coin toss), so untried tiers start where the fallback would put them and the
     * history moves them from there.
     */
    private static Map<Tier, Double> estimates(Map<Tier, double[]> evidence, Tier suggested) {
        Map<Tier, Double> estimates = new EnumMap<>(Tier.class);
        double floor = 0;
        for (Tier tier : Tier.values()) {
            double[] counts = evidence.get(tier);
            double prior = tier.ordinal() >= suggested.ordinal() ? PRIOR_AT_OR_ABOVE_SUGGESTED : PRIOR_BELOW_SUGGESTED;
            double estimate = (counts[0] + PRIOR_WEIGHT * prior) / (counts[1] + PRIOR_WEIGHT);
            floor = Math.max(floor, estimate);
            estimates.put(tier, floor);
        }
        return estimates;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Builds {@link LearnedRouter}s. */
    public static final class Builder {
        private @Nullable OutcomeHistory history;
        private @Nullable TierRouter fallback;
        private double targetPassRate = DEFAULT_TARGET_PASS_RATE;
        private boolean targetSet;
        private double explorationRate = DEFAULT_EXPLORATION_RATE;
        private boolean explorationSet;
        private int neighbours = DEFAULT_NEIGHBOURS;
        private boolean neighboursSet;
        private double minSimilarity = DEFAULT_MIN_SIMILARITY;
        private boolean minSimilaritySet;
        private double minEvidence = DEFAULT_MIN_EVIDENCE;
        private boolean minEvidenceSet;
        private int escalateAfterFailures = 1;
        private boolean escalateSet;
        private @Nullable Long seed;

        private Builder() {
        }

        /** Where outcomes are kept; default {@link OutcomeHistory#recent(int)} of 10,000. */
        public Builder history(OutcomeHistory history) {
            if (this.history != null) {
                throw new IllegalStateException("history was already set");
            }
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /** Router used while history is thin; default {@link ComplexityRouter#create()}. */
        public Builder fallback(TierRouter fallback) {
            if (this.fallback != null) {
                throw new IllegalStateException("fallback was already set");
            }
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** Pass rate the chosen tier must be expected to reach, in (0, 1]. */
        public Builder targetPassRate(double rate) {
            targetSet = once(targetSet, "targetPassRate");
            if (!(rate > 0 && rate <= 1)) {
                throw new IllegalArgumentException("targetPassRate must be in (0, 1]: " + rate);
            }
            this.targetPassRate = rate;
            return this;
        }

        /** Share of decisions that try one tier cheaper, in [0, 0.5]. */
        public Builder explorationRate(double rate) {
            explorationSet = once(explorationSet, "explorationRate");
            if (!(rate >= 0 && rate <= 0.5)) {
                throw new IllegalArgumentException("explorationRate must be in [0, 0.5]: " + rate);
            }
            this.explorationRate = rate;
            return this;
        }

        /** Similar past requests consulted, 1 to 1000. */
        public Builder neighbours(int count) {
            neighboursSet = once(neighboursSet, "neighbours");
            if (count < 1 || count > 1000) {
                throw new IllegalArgumentException("neighbours must be between 1 and 1000: " + count);
            }
            this.neighbours = count;
            return this;
        }

        /** Least similarity for a past request to count, in [0, 1). */
        public Builder minSimilarity(double similarity) {
            minSimilaritySet = once(minSimilaritySet, "minSimilarity");
            if (!(similarity >= 0 && similarity < 1)) {
                throw new IllegalArgumentException("minSimilarity must be in [0, 1): " + similarity);
            }
            this.minSimilarity = similarity;
            return this;
        }

        /** Least summed similarity before history is trusted over the fallback, at least 0. */
        public Builder minEvidence(double weight) {
            minEvidenceSet = once(minEvidenceSet, "minEvidence");
            if (!(weight >= 0)) {
                throw new IllegalArgumentException("minEvidence must not be negative: " + weight);
            }
            this.minEvidence = weight;
            return this;
        }

        /** Failed attempts on a tier before moving up, at least 1; default 1. */
        public Builder escalateAfterFailures(int failures) {
            escalateSet = once(escalateSet, "escalateAfterFailures");
            if (failures < 1) {
                throw new IllegalArgumentException("escalateAfterFailures must be at least 1: " + failures);
            }
            this.escalateAfterFailures = failures;
            return this;
        }

        /** Seed of the exploration's random numbers, for reproducible runs. */
        public Builder seed(long seed) {
            if (this.seed != null) {
                throw new IllegalStateException("seed was already set to " + this.seed);
            }
            this.seed = seed;
            return this;
        }

        private static boolean once(boolean alreadySet, String name) {
            if (alreadySet) {
                throw new IllegalStateException(name + " was already set");
            }
            return true;
        }

        /** Builds the router. */
        public LearnedRouter build() {
            return new LearnedRouter(this);
        }
    }
}
