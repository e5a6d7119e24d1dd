/**
 * Tier routers: {@link io.qlp.routing.ComplexityRouter} scores a request's complexity from cheap text signals and
 * maps the score to a tier, and moves to a stronger tier after repeated failures.
 *
 * <p>Example:
 * <pre>{@code
 * TierRouter router = ComplexityRouter.builder().thresholds(0.2, 0.45, 0.7).escalateAfterFailures(2).build();
 * RoutingDecision decision = router.route(request, EnumSet.of(Tier.T0, Tier.T2));
 * }</pre>
 */
@NullMarked
package io.qlp.routing;

import org.jspecify.annotations.NullMarked;
