package io.qlp.routing.bench;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.TierRouter;
import io.qlp.routing.CascadeRouter;
import io.qlp.routing.ComplexityRouter;
import io.qlp.routing.LearnedRouter;
import io.qlp.routing.LabelledSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A SIMULATION of routing: replays a stream of labelled requests through each router against a disclosed outcome
 * model (pass probability per tier and difficulty, a price per call per tier), with the generator's loop of up to
 * three attempts and the router's escalation. The figures describe the routers under this model, not real models.
 *
 * <p>Run: see docs/benchmarks.md, section "Routing simulation".
 */
public final class RoutingSimulation {

    /** Pass probability of one attempt, by difficulty (rows 0–3) and tier (columns T0–T3). */
    static final double[][] PASS = {
        {0.95, 0.97, 0.98, 0.99},
        {0.70, 0.90, 0.95, 0.97},
        {0.30, 0.65, 0.90, 0.95},
        {0.05, 0.30, 0.70, 0.92},
    };
    /** Price of one call per tier, in USD. */
    static final double[] PRICE = {0.0002, 0.002, 0.01, 0.04};
    static final int MAX_ATTEMPTS = 3;
    static final Set<Tier> ALL = EnumSet.allOf(Tier.class);

    record Result(String router, double passRate, double costPerRequest) {
    }

    public static void main(String[] args) {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        List<LabelledSet.Labelled> labelled = LabelledSet.load();
        Map<String, Supplier<TierRouter>> routers = new LinkedHashMap<>();
        routers.put("always-T3", () -> fixed(Tier.T3));
        routers.put("always-T0", () -> fixed(Tier.T0));
        routers.put("complexity", ComplexityRouter::create);
        routers.put("cascade", CascadeRouter::create);
        routers.put("learned", () -> LearnedRouter.builder().seed(seed).build());
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Supplier<TierRouter>> entry : routers.entrySet()) {
            results.add(simulate(entry.getKey(), entry.getValue().get(), labelled, requests, seed));
        }
        Result baseline = results.get(0);
        System.out.printf(Locale.ROOT, "%d requests, seed %d, %d labelled requests, up to %d attempts%n",
                requests, seed, labelled.size(), MAX_ATTEMPTS);
        System.out.printf(Locale.ROOT, "| router | pass rate | cost per request (USD) | pass vs always-T3 | cost vs always-T3 |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|%n");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.5f | %.1f%% | %.1f%% |%n", r.router(), r.passRate(),
                    r.costPerRequest(), 100 * r.passRate() / baseline.passRate(),
                    100 * r.costPerRequest() / baseline.costPerRequest());
        }
    }

    static TierRouter fixed(Tier tier) {
        return (request, tiers) -> new RoutingDecision(tier, "fixed");
    }

    static Result simulate(String name, TierRouter router, List<LabelledSet.Labelled> labelled, int requests,
                           long seed) {
        Random stream = new Random(seed);
        Random outcomes = new Random(seed * 31 + 7);
        int passed = 0;
        double cost = 0;
        for (int i = 0; i < requests; i++) {
            LabelledSet.Labelled item = labelled.get(stream.nextInt(labelled.size()));
            CapsuleRequest request = item.request();
            Tier tier = router.route(request, ALL).tier();
            Map<Tier, int[]> attemptsByTier = new EnumMap<>(Tier.class);
            Map<Tier, Double> costByTier = new EnumMap<>(Tier.class);
            boolean validated = false;
            int failuresOnTier = 0;
            Tier validatedOn = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                attemptsByTier.computeIfAbsent(tier, t -> new int[1])[0]++;
                costByTier.merge(tier, PRICE[tier.ordinal()], Double::sum);
                cost += PRICE[tier.ordinal()];
                if (outcomes.nextDouble() < PASS[item.difficulty()][tier.ordinal()]) {
                    validated = true;
                    validatedOn = tier;
                    break;
                }
                failuresOnTier++;
                Tier next = router.afterFailure(request, tier, failuresOnTier, ALL).tier();
                if (next != tier) {
                    failuresOnTier = 0;
                }
                tier = next;
            }
            if (validated) {
                passed++;
            }
            List<RoutingOutcome> told = new ArrayList<>();
            for (Map.Entry<Tier, int[]> e : attemptsByTier.entrySet()) {
                told.add(new RoutingOutcome(e.getKey(), e.getKey() == validatedOn, e.getValue()[0],
                        BigDecimal.valueOf(costByTier.get(e.getKey()))));
            }
            router.recordOutcome(request, told);
        }
        return new Result(name, (double) passed / requests, cost / requests);
    }

    private RoutingSimulation() {
    }
}
