package io.qlp.core.bench;

import com.sun.management.OperatingSystemMXBean;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.store.jdbc.JdbcCapsuleStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Process CPU time per exact-cache hit saved to the embedded H2 store, from one or more calling threads. CPU time, unlike wall time or
 * throughput, hardly depends on what else the machine runs, so before/after figures taken on a shared build machine
 * stay comparable. Not a JMH benchmark: JMH reports time, not CPU.
 *
 * <p>Run: {@code java -cp ... io.qlp.core.bench.ExactHitCpu 2000} (hits per round; rounds, default 3, the first warms up; calling threads, default 1; the store's
 * connection pool size, default the embedded store's).
 */
public final class ExactHitCpu {

    private ExactHitCpu() {
    }

    /** Runs {@code args[1]} rounds (default 3) of {@code args[0]} hits and prints CPU and wall milliseconds per hit. */
    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        int hits = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dataDir = Files.createTempDirectory("qlp-exact-hit-cpu-");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        JdbcCapsuleStore.Builder storeBuilder = JdbcCapsuleStore.builder().embedded(dataDir);
        if (args.length > 3) {
            storeBuilder.maximumPoolSize(Integer.parseInt(args[3]));
        }
        try (JdbcCapsuleStore store = storeBuilder.build()) {
            CapsuleGenerator generator = CapsuleGenerator.builder()
                    .tier(Tier.T0, new PipelineOverheadBench.InstantModel(PipelineOverheadBench.ANSWER))
                    .validator(new PipelineOverheadBench.PassingValidator())
                    .store(store)
                    .exactCache(ExactCache.local())
                    .maxAttempts(1)
                    .build();
            CapsuleRequest request = CapsuleRequest.builder()
                    .description("A Java class that parses ISO-8601 durations, with tests")
                    .language(Language.JAVA)
                    .build();
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            try {
                for (int round = 0; round < rounds; round++) {
                    long cpuBefore = os.getProcessCpuTime();
                    long wallBefore = System.nanoTime();
                    List<Future<?>> calls = new ArrayList<>();
                    for (int i = 0; i < hits; i++) {
                        calls.add(callers.submit(() -> generator.generate(request)));
                    }
                    for (Future<?> call : calls) {
                        call.get();
                    }
                    System.out.printf("round %d (%d threads): process CPU %.3f ms/hit, wall %.3f ms/hit%n", round,
                            threads, (os.getProcessCpuTime() - cpuBefore) / 1e6 / hits,
                            (System.nanoTime() - wallBefore) / 1e6 / hits);
                }
            } finally {
                callers.shutdownNow();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
