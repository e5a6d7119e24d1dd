package io.qlp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.memory.InMemoryMemoryStore;
import io.qlp.memory.LuceneMemoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qlp memory}: tools for the memory store. {@code qlp memory bench} measures the embedded index (Lucene HNSW)
 * against exact search over the same vectors.
 *
 * <p>Example: {@code qlp memory bench --vectors 100000 --dim 384 --queries 200 --k 10 --json}
 */
@Command(name = "memory", mixinStandardHelpOptions = true, description = "Memory store tools.",
        subcommands = {MemoryCommand.Bench.class, MemoryCommand.CacheBench.class})
public final class MemoryCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        if (spec != null) {
            spec.commandLine().usage(spec.commandLine().getErr());
        }
        return ExitCodes.USAGE;
    }

    /**
     * Builds the embedded index over clustered random unit vectors (embeddings cluster by topic), then runs the same
     * queries through it and through exact search, and prints recall@k and latencies.
     */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measures the embedded HNSW index against exact search: recall@k, latency, build time.")
    static final class Bench implements Callable<Integer> {

        private static final String COLLECTION = "bench";
        /** Length of a vector's offset from its cluster centre, relative to the centre's: cosine ~0.9 to it. */
        private static final double SPREAD = 0.5;
        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        private @Nullable CommandSpec spec;

        @Option(names = "--vectors", defaultValue = "100000", description = "Vectors to index; default 100000.")
        private int vectors;

        @Option(names = "--dim", defaultValue = "384", description = "Dimension; default 384 (all-MiniLM-L6-v2).")
        private int dim;

        @Option(names = "--queries", defaultValue = "200", description = "Queries to time; default 200.")
        private int queries;

        @Option(names = "--k", defaultValue = "10", description = "Neighbours per query; default 10.")
        private int k;

        @Option(names = "--clusters", defaultValue = "1000", description = "Topic clusters; default 1000.")
        private int clusters;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed; default 42.")
        private long seed;

        @Option(names = "--search-candidates", defaultValue = "100",
                description = "HNSW candidates kept while searching (ef); default 100.")
        private int searchCandidates;

        @Option(names = "--max-connections", defaultValue = "16", description = "HNSW neighbours per node (M); default 16.")
        private int maxConnections;

        @Option(names = "--beam-width", defaultValue = "100", description = "HNSW build beam (efConstruction); default 100.")
        private int beamWidth;

        @Option(names = "--dir", paramLabel = "DIR", description = "Index folder; default a temporary one, deleted.")
        private @Nullable Path dir;

        @Option(names = "--json", description = "Print one JSON object.")
        private boolean json;

        @Override
        public Integer call() throws IOException {
            if (vectors < k || dim < 2 || queries < 1 || k < 1 || clusters < 1) {
                throw new picocli.CommandLine.ParameterException(spec().commandLine(),
                        "need --vectors >= --k >= 1, --dim >= 2, --queries >= 1, --clusters >= 1");
            }
            PrintWriter out = spec().commandLine().getOut();
            PrintWriter err = spec().commandLine().getErr();
            Random random = new Random(seed);
            float[][] centroids = new float[clusters][];
            for (int c = 0; c < clusters; c++) {
                centroids[c] = gaussian(random, dim, 1.0 / Math.sqrt(dim));
            }
            List<MemoryRecord> records = new ArrayList<>(vectors);
            for (int i = 0; i < vectors; i++) {
                records.add(new MemoryRecord("v" + i, COLLECTION, "", near(random, centroids[random.nextInt(clusters)],
                        SPREAD), "bench", Map.of()));
            }
            List<float[]> queryVectors = new ArrayList<>(queries);
            for (int q = 0; q < queries; q++) {
                queryVectors.add(near(random, centroids[random.nextInt(clusters)], SPREAD));
            }

            Path folder = dir != null ? dir : Files.createTempDirectory("qlp-memory-bench");
            try {
                err.println("building the index of " + vectors + " x " + dim + " under " + folder);
                long buildStart = System.nanoTime();
                try (LuceneMemoryStore index = LuceneMemoryStore.builder().directory(folder)
                        .searchCandidates(searchCandidates).maxConnections(maxConnections).beamWidth(beamWidth).build();
                     InMemoryMemoryStore exact = InMemoryMemoryStore.create()) {
                    // One batch, one commit: the way a bulk import should load the store.
                    index.upsert(records);
                    double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
                    exact.upsert(records);
                    records.clear();

                    // Warm both paths so the JIT has compiled them before timing.
                    for (int w = 0; w < Math.min(50, queries); w++) {
                        index.search(query(queryVectors.get(w)));
                        exact.search(query(queryVectors.get(w)));
                    }
                    long[] approximateNanos = new long[queries];
                    long[] exactNanos = new long[queries];
                    double recallSum = 0;
                    for (int q = 0; q < queries; q++) {
                        MemoryQuery query = query(queryVectors.get(q));
                        long start = System.nanoTime();
                        List<MemoryHit> found = index.search(query);
                        approximateNanos[q] = System.nanoTime() - start;
                        start = System.nanoTime();
                        List<MemoryHit> truth = exact.search(query);
                        exactNanos[q] = System.nanoTime() - start;
                        recallSum += recall(found, truth);
                    }
                    print(out, err, recallSum / queries, approximateNanos, exactNanos, buildSeconds);
                }
            } finally {
                if (dir == null) {
                    delete(folder);
                }
            }
            return ExitCodes.OK;
        }

        private MemoryQuery query(float[] vector) {
            return new MemoryQuery(COLLECTION, vector, "bench", k, Map.of(), -1);
        }

        private void print(PrintWriter out, PrintWriter err, double recall, long[] approximateNanos,
                           long[] exactNanos, double buildSeconds) {
            Arrays.sort(approximateNanos);
            Arrays.sort(exactNanos);
            long p50 = percentile(approximateNanos, 0.50) / 1_000;
            long p99 = percentile(approximateNanos, 0.99) / 1_000;
            long exactP50 = percentile(exactNanos, 0.50) / 1_000;
            ObjectNode result = JSON.createObjectNode();
            result.put("recallAt" + k, Math.round(recall * 10_000) / 10_000.0);
            result.put("p50Micros", p50);
            result.put("p99Micros", p99);
            result.put("exactP50Micros", exactP50);
            result.put("buildSeconds", Math.round(buildSeconds * 100) / 100.0);
            result.put("speedupAtP50", Math.round(exactP50 * 10.0 / Math.max(1, p50)) / 10.0);
            result.put("vectors", vectors);
            result.put("dim", dim);
            result.put("queries", queries);
            result.put("clusters", clusters);
            result.put("searchCandidates", searchCandidates);
            if (json) {
                out.println(result);
            } else {
                out.printf("recall@%d %.4f, p50 %d us, p99 %d us, exact p50 %d us, build %.1f s%n", k, recall, p50,
                        p99, exactP50, buildSeconds);
            }
            out.flush();
            err.flush();
        }

        private static double recall(List<MemoryHit> found, List<MemoryHit> truth) {
            Set<String> expected = new HashSet<>();
            truth.forEach(hit -> expected.add(hit.record().id()));
            long matched = found.stream().filter(hit -> expected.contains(hit.record().id())).count();
            return expected.isEmpty() ? 1.0 : (double) matched / expected.size();
        }

        private static long percentile(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        private static float[] gaussian(Random random, int dim, double scale) {
            float[] vector = new float[dim];
            for (int d = 0; d < dim; d++) {
                vector[d] = (float) (random.nextGaussian() * scale);
            }
            return vector;
        }

        private static float[] near(Random random, float[] centroid, double spread) {
            float[] vector = gaussian(random, centroid.length, spread / Math.sqrt(centroid.length));
            for (int d = 0; d < vector.length; d++) {
                vector[d] += centroid[d];
            }
            return vector;
        }

        private static void delete(Path folder) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete bench folder " + folder, e);
            }
        }

        private CommandSpec spec() {
            if (spec == null) {
                throw new IllegalStateException("picocli did not inject the command spec");
            }
            return spec;
        }
    }

    /** Times cache hits: Caffeine in process against Redis through Redisson, for the same capsules. */
    @Command(name = "cache-bench", mixinStandardHelpOptions = true,
            description = "Times exact-cache hits in Caffeine and in Redis.")
    static final class CacheBench implements Callable<Integer> {

        @Spec
        private @Nullable CommandSpec spec;

        @Option(names = "--entries", defaultValue = "2000", description = "Capsules to read back; default 2000.")
        private int entries;

        @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379", description = "Redis to time.")
        private String redisUrl = "redis://127.0.0.1:6379";

        @Override
        public Integer call() {
            io.qlp.api.Capsule capsule = sampleCapsule();
            String prefix = "qlp-bench:" + java.util.UUID.randomUUID() + ":";
            io.qlp.core.cache.ExactCache caffeine = io.qlp.core.cache.ExactCache.local();
            long[] local = new long[entries];
            long[] redis = new long[entries];
            try (io.qlp.core.cache.RedisExactCache writer = io.qlp.core.cache.RedisExactCache.builder()
                    .url(redisUrl).prefix(prefix).ttl(java.time.Duration.ofMinutes(2))
                    .timeout(java.time.Duration.ofSeconds(5)).build();
                 io.qlp.core.cache.RedisExactCache reader = io.qlp.core.cache.RedisExactCache.builder()
                    .url(redisUrl).prefix(prefix).ttl(java.time.Duration.ofMinutes(2))
                    .timeout(java.time.Duration.ofSeconds(5)).build()) {
                for (int i = 0; i < entries; i++) {
                    caffeine.put("k" + i, capsule);
                    writer.put("k" + i, capsule);
                }
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < entries; i++) {
                        long start = System.nanoTime();
                        caffeine.get("k" + i).orElseThrow();
                        local[i] = System.nanoTime() - start;
                    }
                }
                // Each key is read once through a second instance, so every read is a Redis hit, not a local one.
                for (int i = 0; i < entries; i++) {
                    long start = System.nanoTime();
                    reader.get("k" + i).orElseThrow(() -> new IllegalStateException("Redis at " + redisUrl
                            + " did not answer; is it running?"));
                    redis[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(local);
            Arrays.sort(redis);
            ObjectNode result = new ObjectMapper().createObjectNode();
            result.put("entries", entries);
            result.put("capsuleJsonBytes", io.qlp.core.json.CapsuleJson.writeCompact(capsule).length());
            result.put("caffeineP50Micros", Bench.percentile(local, 0.5) / 1000.0);
            result.put("caffeineP99Micros", Bench.percentile(local, 0.99) / 1000.0);
            result.put("redisP50Micros", Bench.percentile(redis, 0.5) / 1000.0);
            result.put("redisP99Micros", Bench.percentile(redis, 0.99) / 1000.0);
            PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
            out.println(result);
            out.flush();
            return ExitCodes.OK;
        }

        private static io.qlp.api.Capsule sampleCapsule() {
            io.qlp.api.CapsuleRequest request = io.qlp.api.CapsuleRequest.builder()
                    .description("A class that adds two integers, with tests").build();
            String source = "package demo;\n\npublic final class Adder {\n" + "    // padding\n".repeat(100)
                    + "    public static int add(int a, int b) { return a + b; }\n}\n";
            List<io.qlp.api.CapsuleFile> files = List.of(io.qlp.api.CapsuleFile.of("src/main/java/demo/Adder.java",
                    source));
            return io.qlp.api.Capsule.builder().id("bench").request(request).files(files)
                    .manifest(new io.qlp.api.Manifest(io.qlp.api.Manifest.FORMAT_VERSION, java.time.Instant.EPOCH,
                            List.of(io.qlp.api.Language.JAVA), io.qlp.core.json.Manifests.hashes(files), List.of(),
                            "bench"))
                    .status(io.qlp.api.CapsuleStatus.VALIDATED).build();
        }
    }
}
