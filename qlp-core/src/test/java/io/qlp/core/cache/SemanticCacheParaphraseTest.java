package io.qlp.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.memory.InMemoryMemoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every pair of {@code paraphrase-pairs.tsv} through a real semantic cache with the default model and
 * threshold: the first request is cached, the second looked up. Prints the rates that docs/benchmarks.md reports.
 */
class SemanticCacheParaphraseTest {

    private record Pair(String kind, String first, String second) {
    }

    private static final List<Pair> PAIRS = new ArrayList<>();

    @BeforeAll
    static void readPairs() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SemanticCacheParaphraseTest.class.getResourceAsStream("paraphrase-pairs.tsv")),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t");
                    PAIRS.add(new Pair(parts[0], parts[1], parts[2]));
                }
            }
        }
    }

    /** Embeddings of the pairs, computed once for all tests: the model is the slow part. */
    private static final Map<String, float[]> VECTORS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final EmbeddingModel MEMOIZED = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(segment -> Embedding.from(VECTORS.computeIfAbsent(
                    segment.text(), text -> DefaultEmbeddings.allMiniLmL6V2().embed(text).content().vector())))
                    .toList());
        }
    };

    private static boolean hits(Pair pair, double threshold) {
        SemanticCache cache = SemanticCache.builder().store(InMemoryMemoryStore.create())
                .embeddingModel(MEMOIZED).embeddingModelId("memoized-minilm").threshold(threshold).build();
        CapsuleRequest first = CapsuleRequest.builder().description(pair.first()).build();
        cache.put(first, "scope", capsule(first));
        return cache.lookup(CapsuleRequest.builder().description(pair.second()).build(), "scope").isPresent();
    }

    static Capsule capsule(CapsuleRequest request) {
        return Capsule.builder().id("c-" + Math.abs(request.description().hashCode())).request(request)
                .files(List.of(CapsuleFile.of("src/main/java/A.java", "class A {}")))
                .manifest(new Manifest(Manifest.FORMAT_VERSION, Instant.EPOCH, List.of(Language.JAVA),
                        new TreeMap<>(), List.of(), "test"))
                .status(CapsuleStatus.VALIDATED).build();
    }

    @Test
    void should_hold_at_least_50_paraphrase_and_50_near_miss_pairs() {
        assertThat(PAIRS.stream().filter(p -> p.kind().equals("paraphrase"))).hasSizeGreaterThanOrEqualTo(50);
        assertThat(PAIRS.stream().filter(p -> p.kind().equals("near-miss"))).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void should_never_hit_a_near_miss_and_hit_most_paraphrases_at_the_default_threshold() {
        Map<String, int[]> counts = new TreeMap<>();
        List<String> falseHits = new ArrayList<>();
        for (Pair pair : PAIRS) {
            boolean hit = hits(pair, SemanticCache.DEFAULT_THRESHOLD);
            counts.computeIfAbsent(pair.kind(), k -> new int[2])[hit ? 0 : 1]++;
            if (hit && pair.kind().equals("near-miss")) {
                falseHits.add(pair.first() + " | " + pair.second());
            }
        }
        int paraphraseHits = counts.get("paraphrase")[0];
        int nearMissHits = counts.get("near-miss")[0];
        System.out.printf("semantic cache at %.2f: paraphrase hits %d/%d, near-miss (false) hits %d/%d %s%n",
                SemanticCache.DEFAULT_THRESHOLD, paraphraseHits, paraphraseHits + counts.get("paraphrase")[1],
                nearMissHits, nearMissHits + counts.get("near-miss")[1], falseHits);

        assertThat(falseHits).isEmpty();
        assertThat((long) paraphraseHits).isGreaterThanOrEqualTo(PAIRS.stream()
                .filter(p -> p.kind().equals("paraphrase")).count() / 3L);
    }

    @Test
    void should_hit_a_paraphrase_and_miss_its_near_miss() {
        assertThat(hits(new Pair("paraphrase", "Reverse a singly linked list",
                "Write code that reverses a singly-linked list"), SemanticCache.DEFAULT_THRESHOLD)).isTrue();
        assertThat(hits(new Pair("near-miss", "Sort a list of integers in ascending order",
                "Sort a list of integers in descending order"), SemanticCache.DEFAULT_THRESHOLD)).isFalse();
    }

    /** Not an assertion of speed or quality: prints the trade-off table that docs/benchmarks.md quotes. */
    @Test
    void should_print_hit_rates_per_threshold() {
        StringBuilder table = new StringBuilder("| threshold | paraphrase hits | near-miss hits (false) |"
                + " near-miss hits without the contrast check |\n");
        for (double threshold : new double[] {0.65, 0.70, 0.75, 0.80, 0.85, 0.90}) {
            int paraphrase = 0;
            int nearMiss = 0;
            int nearMissNoCheck = 0;
            for (Pair pair : PAIRS) {
                boolean hit = hits(pair, threshold);
                if (pair.kind().equals("paraphrase") && hit) {
                    paraphrase++;
                } else if (pair.kind().equals("near-miss")) {
                    nearMiss += hit ? 1 : 0;
                    nearMissNoCheck += similarity(pair) >= threshold ? 1 : 0;
                }
            }
            table.append(String.format("| %.2f | %d | %d | %d |%n", threshold, paraphrase, nearMiss, nearMissNoCheck));
        }
        System.out.print(table);
        assertThat(table.toString()).contains("| 0.75 |");
    }

    private static double similarity(Pair pair) {
        float[] a = MEMOIZED.embed(pair.first()).content().vector();
        float[] b = MEMOIZED.embed(pair.second()).content().vector();
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
