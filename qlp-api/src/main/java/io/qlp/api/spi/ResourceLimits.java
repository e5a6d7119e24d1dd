package io.qlp.api.spi;

/**
 * Limits a sandboxed process runs under.
 *
 * <p>Example: {@code ResourceLimits.defaults().withCpuSeconds(10)}
 *
 * @param cpuSeconds CPU time in seconds
 * @param memoryBytes heap or address space in bytes, as the sandbox can enforce it
 * @param maxProcesses processes and threads the run may have
 * @param maxFileBytes largest file the run may write
 * @param maxOutputBytes stdout and stderr kept, each; the rest is dropped
 */
public record ResourceLimits(long cpuSeconds, long memoryBytes, int maxProcesses, long maxFileBytes,
                             int maxOutputBytes) {

    private static final ResourceLimits DEFAULTS =
            new ResourceLimits(60, 512L * 1024 * 1024, 512, 64L * 1024 * 1024, 256 * 1024);

    /** Rejects non-positive limits, naming the value. */
    public ResourceLimits {
        if (cpuSeconds <= 0) throw new IllegalArgumentException("cpuSeconds must be positive: " + cpuSeconds);
        if (memoryBytes <= 0) throw new IllegalArgumentException("memoryBytes must be positive: " + memoryBytes);
        if (maxProcesses <= 0) throw new IllegalArgumentException("maxProcesses must be positive: " + maxProcesses);
        if (maxFileBytes <= 0) throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
        if (maxOutputBytes <= 0) throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
    }

    /** 60 CPU seconds, 512 MiB, 512 processes, 64 MiB files, 256 KiB of output. */
    public static ResourceLimits defaults() {
        return DEFAULTS;
    }

    /** A copy with another CPU limit. */
    public ResourceLimits withCpuSeconds(long seconds) {
        return new ResourceLimits(seconds, memoryBytes, maxProcesses, maxFileBytes, maxOutputBytes);
    }

    /** A copy with another memory limit. */
    public ResourceLimits withMemoryBytes(long bytes) {
        return new ResourceLimits(cpuSeconds, bytes, maxProcesses, maxFileBytes, maxOutputBytes);
    }
}
