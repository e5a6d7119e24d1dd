package io.qlp.validation.internal.js;

import io.qlp.api.spi.ResourceLimits;
import io.qlp.validation.internal.ConfinedCommand;
import java.time.Duration;

/**
 * How to start a {@link NodeWarmProcess}: the runtime, the limits of the capsule's run and the confinement.
 *
 * <p>Example: {@code new NodeWarmSpec(node, ResourceLimits.defaults(), options, Duration.ofSeconds(30))}
 *
 * @param node the Node.js runtime
 * @param limits the limits of the capsule's run; {@link ResourceLimits#memoryBytes()} bounds the V8 heap
 * @param confinement which confinements to ask for
 * @param startTimeout how long a process may take to load the test runner and report ready
 */
public record NodeWarmSpec(NodeRuntime node, ResourceLimits limits, ConfinedCommand.Options confinement,
                           Duration startTimeout) {
}
