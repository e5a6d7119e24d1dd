package io.qlp.validation.internal.js;

import io.qlp.api.spi.ResourceLimits;
import io.qlp.validation.internal.ConfinedCommand;
import java.time.Duration;

/**
 * How to start a {@link NodeSyntaxChecker}, and how long it serves; also the key of the pool of checkers that
 * validators with equal settings share.
 *
 * <p>Example: {@code new NodeSyntaxCheckerSpec(node, ResourceLimits.defaults(), options, Duration.ofSeconds(60), 500)}
 *
 * @param node the Node.js runtime
 * @param limits the checker's limits: {@link ResourceLimits#memoryBytes()} bounds its V8 heap, and
 *     {@link ResourceLimits#cpuSeconds()} its CPU time over all the capsules it serves
 * @param confinement which confinements to ask for
 * @param startTimeout how long a checker may take to report ready
 * @param maxCapsules how many capsules a checker serves before it is replaced
 */
public record NodeSyntaxCheckerSpec(NodeRuntime node, ResourceLimits limits, ConfinedCommand.Options confinement,
                                    Duration startTimeout, int maxCapsules) {

    /** Rejects a checker that would serve no capsule. */
    public NodeSyntaxCheckerSpec {
        if (maxCapsules < 1) {
            throw new IllegalArgumentException("maxCapsules must be at least 1: " + maxCapsules);
        }
    }
}
