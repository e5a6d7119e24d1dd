package io.qlp.core.bench;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.Tier;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.store.CachingCapsuleStore;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.store.jdbc.JdbcCapsuleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An exact-cache hit through {@link CapsuleGenerator#generate(CapsuleRequest)}: key, lookup, the served copy and its
 * synchronous save as a new capsule, in the embedded H2 store (as the sample server runs by default) or in memory.
 * Four threads, as a server would call it. The first generation (scripted model, stub validator) fills the cache.
 *
 * <p>Run (see docs/benchmarks.md): {@code java -cp ... org.openjdk.jmh.Main ExactCacheHitBench -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(4)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ExactCacheHitBench {

    @Param({"embedded", "in-memory"})
    public String store;

    private Path dataDir;
    private CapsuleStore capsuleStore;
    private CapsuleGenerator generator;
    private CapsuleRequest request;

    @Setup
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("qlp-bench-");
        capsuleStore = store.equals("embedded")
                ? CachingCapsuleStore.builder().delegate(JdbcCapsuleStore.embedded(dataDir)).build()
                : new InMemoryCapsuleStore();
        generator = CapsuleGenerator.builder()
                .tier(Tier.T0, new PipelineOverheadBench.InstantModel(PipelineOverheadBench.ANSWER))
                .validator(new PipelineOverheadBench.PassingValidator())
                .store(capsuleStore)
                .exactCache(ExactCache.local())
                .maxAttempts(1)
                .build();
        request = CapsuleRequest.builder()
                .description("A Java class that parses ISO-8601 durations, with tests")
                .language(Language.JAVA)
                .build();
        if (generator.generate(request).status() != CapsuleStatus.VALIDATED) {
            throw new IllegalStateException("the first generation must validate to fill the cache");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        capsuleStore.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** One exact-cache hit, saved as a new capsule. */
    @Benchmark
    public Capsule hit() {
        return generator.generate(request);
    }
}
