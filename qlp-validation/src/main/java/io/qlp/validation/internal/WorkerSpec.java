package io.qlp.validation.internal;

import io.qlp.api.spi.ResourceLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a {@link WarmWorker}: the JVM, its limits, the confinement and how many capsules it may run.
 *
 * <p>Example: {@code new WorkerSpec(java, limits, options, 200, Duration.ofSeconds(30))}
 *
 * @param javaExecutable the {@code java} program
 * @param limits the limits of one capsule's run; {@link ResourceLimits#memoryBytes()} becomes the heap
 * @param confinement which confinements to ask for
 * @param maxCapsules capsules a worker runs before it is replaced
 * @param startTimeout how long a worker may take to become ready
 */
public record WorkerSpec(Path javaExecutable, ResourceLimits limits, ConfinedCommand.Options confinement,
                         int maxCapsules, Duration startTimeout) {

    /** The worker's heap. */
    public long heapBytes() {
        return limits.memoryBytes();
    }

    /**
     * The limits of the whole worker process. CPU time adds up over the capsules it runs, so its limit is the
     * per-capsule limit times {@link #maxCapsules()}; each capsule is bounded by its wall-clock timeout.
     */
    public ResourceLimits workerLimits() {
        long cpu = Math.min(limits.cpuSeconds() * maxCapsules, 24L * 3600);
        return limits.withCpuSeconds(cpu);
    }
}
