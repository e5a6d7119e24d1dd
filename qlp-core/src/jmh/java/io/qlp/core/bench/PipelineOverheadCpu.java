package io.qlp.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread per {@code generate()} in the setting of {@link PipelineOverheadBench}. Unlike the
 * benchmark's wall-clock figures, thread CPU time hardly moves when other builds share the machine, so before/after
 * comparisons taken on a busy machine stay meaningful. Not a JMH benchmark: JMH reports time, not CPU.
 *
 * <p>Run: {@code java -cp ... io.qlp.core.bench.PipelineOverheadCpu 100000} (calls per round; five rounds, the first
 * ones warm up the JIT).
 */
public final class PipelineOverheadCpu {

    private PipelineOverheadCpu() {
    }

    /** Runs five rounds of {@code args[0]} calls and prints microseconds of thread CPU per call. */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        PipelineOverheadBench bench = new PipelineOverheadBench();
        bench.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                bench.generate();
            }
            System.out.printf("round %d: %.2f µs of thread CPU per generate()%n", round,
                    (threads.getCurrentThreadCpuTime() - before) / 1e3 / calls);
        }
    }
}
