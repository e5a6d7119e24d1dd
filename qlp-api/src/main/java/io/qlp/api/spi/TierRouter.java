package io.qlp.api.spi;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import java.util.List;
import java.util.Set;

/**
 * Chooses the tier for a request, and whether to move up after failed attempts. Routers must only return tiers of
 * {@code availableTiers}; a request's {@link CapsuleRequest#tierOverride()} is applied by the generator before any
 * router is asked.
 *
 * <p>Example: {@code TierRouter fixed = (request, tiers) -> new RoutingDecision(Tier.T0.nearestOf(tiers), "fixed");}
 */
@FunctionalInterface
public interface TierRouter {

    /**
     * The tier of the first attempt.
     *
     * @param request the request
     * @param availableTiers the configured tiers, never empty
     */
    RoutingDecision route(CapsuleRequest request, Set<Tier> availableTiers);

    /**
     * The tier of the next attempt after {@code failedAttemptsOnCurrent} failed attempts on {@code current}.
     * The default stays on the current tier.
     */
    default RoutingDecision afterFailure(CapsuleRequest request, Tier current, int failedAttemptsOnCurrent,
                                         Set<Tier> availableTiers) {
        return new RoutingDecision(current, "stay on " + current);
    }

    /**
     * Told what happened on each tier once a generation has ended, validated or not, so learning routers can
     * learn. Called on the generating thread; must be quick and must not throw. The default ignores it.
     */
    default void recordOutcome(CapsuleRequest request, List<RoutingOutcome> outcomes) {
    }
}
