package io.qlp.routing;

import io.qlp.api.spi.RoutingOutcome;
import java.util.Objects;

/**
 * An outcome of an earlier request and how similar that request was to the current one.
 *
 * <p>Example: {@code new PastOutcome(new RoutingOutcome(Tier.T0, true, 1, BigDecimal.ZERO), 0.92)}
 *
 * @param outcome what happened on one tier
 * @param similarity cosine similarity of the two requests, in [-1, 1]
 */
public record PastOutcome(RoutingOutcome outcome, double similarity) {

    /** Rejects a null outcome. */
    public PastOutcome {
        Objects.requireNonNull(outcome, "outcome");
    }
}
