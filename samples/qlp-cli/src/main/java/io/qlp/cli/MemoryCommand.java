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
     * Builds the embedded index over a synthetic data set, then runs the same queries through it and through exact
     * search, and prints recall@k and latencies. Two data sets: clustered random vectors (embeddings cluster by topic;
     * few clusters make them close to uniform random, the hardest case for a graph index), or all-MiniLM-L6-v2
     * embeddings of generated request-like texts. Records carry a {@code language} and every query filters on one, as
     * generation does. A list of {@code --search-candidates} is measured over one index, reopened for each value.
     */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measures the embedded HNSW index against exact search: recall@k, latency, build time.")
    static final class Bench implements Callable<Integer> {

        private static final String COLLECTION = "bench";
        private static final String MODEL = "bench";
        /** Length of a vector's offset from its cluster centre, relative to the centre's: cosine ~0.9 to it. */
        private static final double SPREAD = 0.5;
        private static final int WARM_UP = 50;
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();

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

        @Option(names = "--data", defaultValue = "clustered",
                description = "clustered: random vectors around --clusters centres; minilm: all-MiniLM-L6-v2 "
                        + "embeddings of generated request texts (--dim is 384). Default clustered.")
        private String data = "clustered";

        @Option(names = "--clusters", defaultValue = "1000", description = "Topic clusters; default 1000.")
        private int clusters;

        @Option(names = "--languages", defaultValue = "1",
                description = "Languages the records are spread over; each query filters on one; default 1.")
        private int languages;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed; default 42.")
        private long seed;

        @Option(names = "--search-candidates", defaultValue = "100", split = ",",
                description = "HNSW candidates kept while searching (ef); a comma-separated list measures each "
                        + "over the same index; default 100.")
        private List<Integer> searchCandidates = List.of(LuceneMemoryStore.DEFAULT_SEARCH_CANDIDATES);

        @Option(names = "--max-connections", defaultValue = "16", description = "HNSW neighbours per node (M); default 16.")
        private int maxConnections;

        @Option(names = "--beam-width", defaultValue = "100", description = "HNSW build beam (efConstruction); default 100.")
        private int beamWidth;

        @Option(names = "--batch", defaultValue = "0",
                description = "Records per upsert, each one commit; default 0: all in one batch.")
        private int batch;

        @Option(names = "--dir", paramLabel = "DIR", description = "Index folder; default a temporary one, deleted.")
        private @Nullable Path dir;

        @Option(names = "--embeddings-cache", paramLabel = "FILE",
                description = "With --data minilm: file that keeps the embeddings between runs.")
        private @Nullable Path embeddingsCache;

        @Option(names = "--json", description = "Print one JSON object per --search-candidates value.")
        private boolean json;

        private long exactCpuP50Micros;

        @Override
        public Integer call() throws IOException {
            if (vectors < k || dim < 2 || queries < 1 || k < 1 || clusters < 1 || languages < 1
                    || languages > RequestTexts.LANGUAGES.size() || batch < 0 || searchCandidates.isEmpty()
                    || searchCandidates.stream().anyMatch(ef -> ef < 1)
                    || !(data.equals("clustered") || data.equals("minilm"))) {
                throw new picocli.CommandLine.ParameterException(spec().commandLine(),
                        "need --vectors >= --k >= 1, --dim >= 2, --queries >= 1, --clusters >= 1, --languages 1 to "
                                + RequestTexts.LANGUAGES.size() + ", --batch >= 0, --search-candidates >= 1, "
                                + "--data clustered or minilm");
            }
            PrintWriter out = spec().commandLine().getOut();
            PrintWriter err = spec().commandLine().getErr();
            DataSet set = data.equals("minilm") ? minilm(err) : clustered();

            Path folder = dir != null ? dir : Files.createTempDirectory("qlp-memory-bench");
            try {
                err.println("building the index of " + set.records.size() + " x " + set.dim + " under " + folder);
                err.flush();
                long buildStart = System.nanoTime();
                try (LuceneMemoryStore index = store(folder, searchCandidates.get(0))) {
                    int size = batch == 0 ? set.records.size() : batch;
                    for (int from = 0; from < set.records.size(); from += size) {
                        index.upsert(set.records.subList(from, Math.min(set.records.size(), from + size)));
                    }
                }
                double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
                int segments = segments(folder.resolve(COLLECTION).resolve("index"));

                // Exact search once: its answers are the truth for every ef, its latency the baseline.
                long[] exactNanos = new long[queries];
                long[] exactCpuNanos = new long[queries];
                List<Set<String>> truth = new ArrayList<>(queries);
                try (InMemoryMemoryStore exact = InMemoryMemoryStore.create()) {
                    exact.upsert(set.records);
                    for (int w = 0; w < Math.min(WARM_UP, queries); w++) {
                        exact.search(set.queries.get(w));
                    }
                    for (int q = 0; q < queries; q++) {
                        long cpuStart = THREADS.getCurrentThreadCpuTime();
                        long start = System.nanoTime();
                        List<MemoryHit> hits = exact.search(set.queries.get(q));
                        exactNanos[q] = System.nanoTime() - start;
                        exactCpuNanos[q] = THREADS.getCurrentThreadCpuTime() - cpuStart;
                        Set<String> ids = new HashSet<>();
                        hits.forEach(hit -> ids.add(hit.record().id()));
                        truth.add(ids);
                    }
                }
                Arrays.sort(exactNanos);
                Arrays.sort(exactCpuNanos);
                exactCpuP50Micros = percentile(exactCpuNanos, 0.50) / 1_000;
                for (int ef : searchCandidates) {
                    // Reopened as a restarted application would: the persisted index, searched with this ef.
                    try (LuceneMemoryStore index = store(folder, ef)) {
                        // One untimed pass: the JIT compiles the graph search and the index pages are read in.
                        set.queries.forEach(index::search);
                        long[] nanos = new long[queries];
                        long[] cpuNanos = new long[queries];
                        double recallSum = 0;
                        for (int q = 0; q < queries; q++) {
                            long cpuStart = THREADS.getCurrentThreadCpuTime();
                            long start = System.nanoTime();
                            List<MemoryHit> found = index.search(set.queries.get(q));
                            nanos[q] = System.nanoTime() - start;
                            cpuNanos[q] = THREADS.getCurrentThreadCpuTime() - cpuStart;
                            recallSum += recall(found, truth.get(q));
                        }
                        Arrays.sort(nanos);
                        Arrays.sort(cpuNanos);
                        print(out, recallSum / queries, nanos, cpuNanos, exactNanos, buildSeconds, segments, ef, set);
                    }
                }
            } finally {
                if (dir == null) {
                    delete(folder);
                }
            }
            return ExitCodes.OK;
        }

        private LuceneMemoryStore store(Path folder, int ef) {
            return LuceneMemoryStore.builder().directory(folder).searchCandidates(ef).maxConnections(maxConnections)
                    .beamWidth(beamWidth).build();
        }

        private record DataSet(List<MemoryRecord> records, List<MemoryQuery> queries, int dim, String description) {
        }

        private DataSet clustered() {
            Random random = new Random(seed);
            float[][] centroids = new float[clusters][];
            for (int c = 0; c < clusters; c++) {
                centroids[c] = gaussian(random, dim, 1.0 / Math.sqrt(dim));
            }
            List<MemoryRecord> records = new ArrayList<>(vectors);
            for (int i = 0; i < vectors; i++) {
                records.add(new MemoryRecord("v" + i, COLLECTION, "", near(random, centroids[random.nextInt(clusters)],
                        SPREAD), MODEL, Map.of("language", RequestTexts.LANGUAGES.get(i % languages))));
            }
            List<MemoryQuery> queryList = new ArrayList<>(queries);
            for (int q = 0; q < queries; q++) {
                queryList.add(query(near(random, centroids[random.nextInt(clusters)], SPREAD),
                        RequestTexts.LANGUAGES.get(q % languages)));
            }
            return new DataSet(records, queryList, dim, clusters + " clusters");
        }

        private DataSet minilm(PrintWriter err) throws IOException {
            RequestTexts texts = new RequestTexts(new Random(seed), languages);
            List<RequestTexts.Text> all = texts.distinct(vectors + queries);
            float[][] embedded = embeddings(all, err);
            List<MemoryRecord> records = new ArrayList<>(vectors);
            for (int i = 0; i < vectors; i++) {
                RequestTexts.Text text = all.get(i);
                records.add(new MemoryRecord("t" + i, COLLECTION, text.text(), embedded[i], MODEL,
                        Map.of("language", text.language())));
            }
            List<MemoryQuery> queryList = new ArrayList<>(queries);
            for (int q = 0; q < queries; q++) {
                RequestTexts.Text text = all.get(vectors + q);
                queryList.add(query(embedded[vectors + q], text.language()));
            }
            return new DataSet(records, queryList, embedded[0].length, "minilm request texts");
        }

        // Embedding 100k texts takes minutes on two cores; a cache file lets the index be re-measured without it.
        private float[][] embeddings(List<RequestTexts.Text> texts, PrintWriter err) throws IOException {
            Path cache = embeddingsCache;
            if (cache != null && Files.isRegularFile(cache)) {
                float[][] cached = VectorFile.read(cache);
                if (cached.length == texts.size()) {
                    err.println("read " + cached.length + " embeddings from " + cache);
                    return cached;
                }
                err.println(cache + " holds " + cached.length + " embeddings, not " + texts.size() + "; embedding");
            }
            dev.langchain4j.model.embedding.EmbeddingModel model = io.qlp.core.cache.DefaultEmbeddings.allMiniLmL6V2();
            float[][] result = new float[texts.size()][];
            long start = System.nanoTime();
            int chunk = 512;
            for (int from = 0; from < texts.size(); from += chunk) {
                List<dev.langchain4j.data.segment.TextSegment> segments = texts.subList(from,
                        Math.min(texts.size(), from + chunk)).stream()
                        .map(text -> dev.langchain4j.data.segment.TextSegment.from(text.text())).toList();
                List<dev.langchain4j.data.embedding.Embedding> vectorsOut = model.embedAll(segments).content();
                for (int i = 0; i < vectorsOut.size(); i++) {
                    result[from + i] = vectorsOut.get(i).vector();
                }
                err.printf("embedded %d of %d texts (%.0f s)%n", Math.min(texts.size(), from + chunk), texts.size(),
                        (System.nanoTime() - start) / 1e9);
                err.flush();
            }
            if (cache != null) {
                VectorFile.write(cache, result);
            }
            return result;
        }

        private MemoryQuery query(float[] vector, String language) {
            return new MemoryQuery(COLLECTION, vector, MODEL, k, Map.of("language", language), -1);
        }

        private static int segments(Path index) throws IOException {
            try (org.apache.lucene.store.FSDirectory directory = org.apache.lucene.store.FSDirectory.open(index);
                 org.apache.lucene.index.DirectoryReader reader =
                         org.apache.lucene.index.DirectoryReader.open(directory)) {
                return reader.leaves().size();
            }
        }

        private void print(PrintWriter out, double recall, long[] nanos, long[] cpuNanos, long[] exactNanos,
                           double buildSeconds, int segments, int ef, DataSet set) {
            long p50 = percentile(nanos, 0.50) / 1_000;
            long p99 = percentile(nanos, 0.99) / 1_000;
            long exactP50 = percentile(exactNanos, 0.50) / 1_000;
            ObjectNode result = JSON.createObjectNode();
            result.put("recallAt" + k, Math.round(recall * 10_000) / 10_000.0);
            result.put("p50Micros", p50);
            result.put("p99Micros", p99);
            result.put("exactP50Micros", exactP50);
            // CPU time of the searching thread: what the query costs when the machine is not shared.
            long cpuP50 = percentile(cpuNanos, 0.50) / 1_000;
            result.put("cpuP50Micros", cpuP50);
            result.put("exactCpuP50Micros", exactCpuP50Micros);
            result.put("cpuSpeedupAtP50", Math.round(exactCpuP50Micros * 10.0 / Math.max(1, cpuP50)) / 10.0);
            result.put("buildSeconds", Math.round(buildSeconds * 100) / 100.0);
            result.put("speedupAtP50", Math.round(exactP50 * 10.0 / Math.max(1, p50)) / 10.0);
            result.put("vectors", set.records.size());
            result.put("dim", set.dim);
            result.put("queries", queries);
            result.put("data", set.description);
            result.put("languages", languages);
            result.put("searchCandidates", ef);
            result.put("maxConnections", maxConnections);
            result.put("beamWidth", beamWidth);
            result.put("batch", batch == 0 ? set.records.size() : batch);
            result.put("segments", segments);
            result.put("java", Runtime.version().feature());
            if (json) {
                out.println(result);
            } else {
                out.printf("ef %d: recall@%d %.4f, p50 %d us, p99 %d us, exact p50 %d us, build %.1f s, %d segments%n",
                        ef, k, recall, p50, p99, exactP50, buildSeconds, segments);
            }
            out.flush();
        }

        private static double recall(List<MemoryHit> found, Set<String> expected) {
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
