package io.qlp.validation.internal.python;

import io.qlp.api.spi.ResourceLimits;
import io.qlp.validation.internal.ConfinedCommand;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a {@link PythonZygote}: the interpreter, the limits of one capsule's run, the confinement and how many
 * capsules a zygote serves before it is replaced.
 *
 * <p>Example: {@code new ZygoteSpec(python, ResourceLimits.defaults(), options, 200, Duration.ofSeconds(30))}
 *
 * @param python the interpreter, which must have pytest
 * @param limits the limits of one capsule's run
 * @param confinement which confinements to ask for
 * @param maxCapsules capsules a zygote serves before it is replaced
 * @param startTimeout how long a zygote may take to import pytest and report ready
 */
public record ZygoteSpec(Path python, ResourceLimits limits, ConfinedCommand.Options confinement, int maxCapsules,
                         Duration startTimeout) {

    /** Rejects a non-positive capsule count. */
    public ZygoteSpec {
        if (maxCapsules < 1) {
            throw new IllegalArgumentException("maxCapsules must be at least 1: " + maxCapsules);
        }
    }

    /**
     * The limits of the whole zygote process. CPU time adds up over the capsules its children run (a child's time
     * counts for the zygote once it is reaped), so the zygote's limit is the per-capsule limit times
     * {@link #maxCapsules()}; each child gets the per-capsule limit itself.
     */
    public ResourceLimits zygoteLimits() {
        return limits.withCpuSeconds(Math.min(limits.cpuSeconds() * maxCapsules, 24L * 3600));
    }
}
