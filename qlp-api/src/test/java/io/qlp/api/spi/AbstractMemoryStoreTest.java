package io.qlp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MemoryStore} must meet. Implementations extend this class and return a store from
 * {@link #createStore()}; every test works in collections of its own, named by {@link #collection}, so a store
 * shared between tests (a database) need not be emptied. Stores that keep data override {@link #restart}.
 *
 * <p>Example:
 * <pre>{@code
 * class InMemoryMemoryStoreTest extends AbstractMemoryStoreTest {
 *     protected MemoryStore createStore() { return InMemoryMemoryStore.create(); }
 * }
 * }</pre>
 */
public abstract class AbstractMemoryStoreTest {

    private static final double SCORE_TOLERANCE = 1e-4;
    private static final int WRITER_THREADS = 8;
    private static final int RECORDS_PER_WRITER = 50;

    /** The store under test, created before each test and closed after it. */
    protected MemoryStore store;
    /** A collection name unique to the running test. */
    protected String collection;

    /** A store to test; it may hold data of other collections, but none of {@link #collection}. */
    protected abstract MemoryStore createStore();

    /**
     * Closes {@code store} and opens a new one on the same data, or returns null when the store keeps nothing
     * (then the restart test is skipped).
     */
    protected @Nullable MemoryStore restart(MemoryStore store) {
        return null;
    }

    @BeforeEach
    void createStoreUnderTest() {
        store = createStore();
        collection = "contract_" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterEach
    void closeStoreUnderTest() {
        store.close();
    }

    /** A record of {@link #collection} with no metadata. */
    protected MemoryRecord record(String id, float... vector) {
        return record(id, Map.of(), vector);
    }

    /** A record of {@link #collection}. */
    protected MemoryRecord record(String id, Map<String, String> metadata, float... vector) {
        return new MemoryRecord(id, collection, "text of " + id, vector, metadata);
    }

    /** A query of {@link #collection} with no filter and no minimum score. */
    protected MemoryQuery query(int topK, float... vector) {
        return new MemoryQuery(collection, vector, topK, Map.of(), -1.0);
    }

    private static List<String> ids(List<MemoryHit> hits) {
        return hits.stream().map(hit -> hit.record().id()).toList();
    }

    @Test
    void should_return_nearest_first_when_searching_after_insert() {
        store.upsert(List.of(
                record("east", 1f, 0f, 0f),
                record("north-east", 1f, 1f, 0f),
                record("north", 0f, 1f, 0f),
                record("up", 0f, 0f, 1f)));

        List<MemoryHit> hits = store.search(query(3, 1f, 0.2f, 0f));

        assertThat(ids(hits)).containsExactly("east", "north-east", "north");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits.get(1).score()).isGreaterThan(hits.get(2).score());
    }

    @Test
    void should_return_the_stored_record_when_it_matches() {
        MemoryRecord stored = record("p-1", Map.of("language", "java"), 0.3f, 0.4f);
        store.upsert(List.of(stored));

        List<MemoryHit> hits = store.search(query(1, 0.3f, 0.4f));

        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).record()).isEqualTo(stored);
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(SCORE_TOLERANCE));
    }

    @Test
    void should_score_by_direction_not_length_when_vectors_are_scaled() {
        store.upsert(List.of(record("long", 10f, 0f), record("opposite", -1f, 0f), record("orthogonal", 0f, 3f)));

        List<MemoryHit> hits = store.search(query(3, 0.5f, 0f));

        assertThat(ids(hits)).containsExactly("long", "orthogonal", "opposite");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(SCORE_TOLERANCE));
        assertThat(hits.get(1).score()).isCloseTo(0.0, within(SCORE_TOLERANCE));
        assertThat(hits.get(2).score()).isCloseTo(-1.0, within(SCORE_TOLERANCE));
    }

    @Test
    void should_return_at_most_topK_hits() {
        List<MemoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record("r" + i, 1f, i));
        }
        store.upsert(records);

        assertThat(store.search(query(4, 1f, 0f))).hasSize(4);
        assertThat(store.search(query(50, 1f, 0f))).hasSize(10);
    }

    @Test
    void should_return_only_matching_records_when_filter_is_given() {
        store.upsert(List.of(
                record("java-ok", Map.of("language", "java", "outcome", "passed"), 1f, 0f),
                record("java-failed", Map.of("language", "java", "outcome", "failed"), 1f, 0.1f),
                record("python-ok", Map.of("language", "python", "outcome", "passed"), 1f, 0f),
                record("bare", 1f, 0f)));

        List<MemoryHit> javaHits = store.search(new MemoryQuery(collection, new float[] {1f, 0f}, 10,
                Map.of("language", "java"), -1.0));
        List<MemoryHit> passedJava = store.search(new MemoryQuery(collection, new float[] {1f, 0f}, 10,
                Map.of("language", "java", "outcome", "passed"), -1.0));

        assertThat(ids(javaHits)).containsExactlyInAnyOrder("java-ok", "java-failed");
        assertThat(ids(passedJava)).containsExactly("java-ok");
    }

    @Test
    void should_drop_hits_below_min_score() {
        store.upsert(List.of(record("same", 1f, 0f), record("close", 1f, 0.2f), record("far", 0f, 1f)));

        List<MemoryHit> hits = store.search(new MemoryQuery(collection, new float[] {1f, 0f}, 10, Map.of(), 0.9));

        assertThat(ids(hits)).containsExactly("same", "close");
        assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isGreaterThanOrEqualTo(0.9));
    }

    @Test
    void should_replace_record_when_upserting_the_same_id() {
        store.upsert(List.of(record("p-1", Map.of("version", "1"), 1f, 0f), record("p-2", 0f, 1f)));

        MemoryRecord replacement = record("p-1", Map.of("version", "2"), 0f, 1f);
        store.upsert(List.of(replacement));

        assertThat(store.count(collection)).isEqualTo(2);
        List<MemoryHit> hits = store.search(query(2, 0f, 1f));
        assertThat(hits).extracting(MemoryHit::record).contains(replacement);
        assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isCloseTo(1.0, within(SCORE_TOLERANCE)));
        assertThat(store.search(new MemoryQuery(collection, new float[] {0f, 1f}, 10, Map.of("version", "1"), -1)))
                .isEmpty();
    }

    @Test
    void should_delete_records_and_report_how_many_existed() {
        store.upsert(List.of(record("a", 1f, 0f), record("b", 0f, 1f), record("c", 1f, 1f)));

        int deleted = store.delete(collection, List.of("a", "c", "missing"));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.count(collection)).isEqualTo(1);
        assertThat(ids(store.search(query(10, 1f, 0f)))).containsExactly("b");
        assertThat(store.delete(collection, List.of("a"))).isZero();
    }

    @Test
    void should_count_records_per_collection() {
        String other = collection + "_other";
        store.upsert(List.of(record("a", 1f, 0f), record("b", 0f, 1f),
                new MemoryRecord("c", other, "other text", new float[] {1f, 0f, 0f}, Map.of())));

        assertThat(store.count(collection)).isEqualTo(2);
        assertThat(store.count(other)).isEqualTo(1);
        assertThat(store.count(collection + "_unknown")).isZero();
    }

    @Test
    void should_keep_collections_apart_when_searching() {
        String other = collection + "_other";
        store.upsert(List.of(record("mine", 1f, 0f),
                new MemoryRecord("theirs", other, "other text", new float[] {1f, 0f}, Map.of())));

        assertThat(ids(store.search(query(10, 1f, 0f)))).containsExactly("mine");
    }

    @Test
    void should_find_nothing_when_collection_is_unknown() {
        assertThat(store.search(query(5, 1f, 0f))).isEmpty();
        assertThat(store.delete(collection, List.of("a"))).isZero();
    }

    @Test
    void should_reject_record_of_other_dimension_and_write_nothing() {
        store.upsert(List.of(record("a", 1f, 0f, 0f)));

        assertThatThrownBy(() -> store.upsert(List.of(record("b", 0f, 1f, 0f), record("wide", 1f, 0f, 0f, 0f))))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                .hasMessageContaining("3")
                .hasMessageContaining("4");

        assertThat(store.count(collection)).isEqualTo(1);
        assertThat(ids(store.search(query(10, 0f, 1f, 0f)))).containsExactly("a");
    }

    @Test
    void should_reject_batch_of_mixed_dimensions_when_collection_is_new() {
        assertThatThrownBy(() -> store.upsert(List.of(record("a", 1f, 0f), record("b", 1f, 0f, 0f))))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                .hasMessageContaining("2")
                .hasMessageContaining("3");

        assertThat(store.count(collection)).isZero();
    }

    @Test
    void should_reject_query_of_other_dimension() {
        store.upsert(List.of(record("a", 1f, 0f, 0f)));

        assertThatThrownBy(() -> store.search(query(1, 1f, 0f)))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                .hasMessageContaining("3")
                .hasMessageContaining("2");
        assertThat(store.count(collection)).isEqualTo(1);
    }

    @Test
    void should_reject_record_of_other_embedding_model_and_write_nothing() {
        store.upsert(List.of(new MemoryRecord("a", collection, "a", new float[] {1f, 0f}, "model-a", Map.of())));

        assertThatThrownBy(() -> store.upsert(List.of(
                new MemoryRecord("b", collection, "b", new float[] {0f, 1f}, "model-a", Map.of()),
                new MemoryRecord("c", collection, "c", new float[] {0f, 1f}, "model-b", Map.of()))))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                .hasMessageContaining("model-a")
                .hasMessageContaining("model-b");

        assertThat(store.count(collection)).isEqualTo(1);
    }

    @Test
    void should_reject_query_of_other_embedding_model() {
        store.upsert(List.of(new MemoryRecord("a", collection, "a", new float[] {1f, 0f}, "model-a", Map.of())));

        assertThatThrownBy(() -> store.search(new MemoryQuery(collection, new float[] {1f, 0f}, "model-b", 1,
                Map.of(), -1)))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                .hasMessageContaining("model-a")
                .hasMessageContaining("model-b");
        assertThat(store.search(new MemoryQuery(collection, new float[] {1f, 0f}, "model-a", 1, Map.of(), -1)))
                .extracting(hit -> hit.record().embeddingModel()).containsExactly("model-a");
    }

    @Test
    void should_write_a_large_batch_in_one_call() {
        List<MemoryRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(record("batch-" + i, Map.of("parity", i % 2 == 0 ? "even" : "odd"), 1f, i, -i));
        }
        store.upsert(batch);

        assertThat(store.count(collection)).isEqualTo(500);
        List<MemoryHit> even = store.search(new MemoryQuery(collection, new float[] {1f, 10f, -10f}, 500,
                Map.of("parity", "even"), -1));
        assertThat(even).hasSize(250).allSatisfy(hit ->
                assertThat(hit.record().metadata()).containsEntry("parity", "even"));
        assertThat(ids(store.search(query(1, 1f, 10f, -10f)))).containsExactly("batch-10");
    }

    @Test
    void should_store_every_record_when_8_threads_write_concurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITER_THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITER_THREADS; writer++) {
                int w = writer;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < RECORDS_PER_WRITER; i++) {
                        store.upsert(List.of(record("w" + w + "-" + i, 1f + w, i)));
                        store.search(query(3, 1f, i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.count(collection)).isEqualTo((long) WRITER_THREADS * RECORDS_PER_WRITER);
        assertThat(store.search(query(WRITER_THREADS * RECORDS_PER_WRITER, 1f, 0f)))
                .hasSize(WRITER_THREADS * RECORDS_PER_WRITER);
    }

    @Test
    void should_keep_records_when_store_is_restarted() {
        MemoryRecord kept = record("kept", Map.of("language", "java"), 0.6f, 0.8f);
        store.upsert(List.of(kept));

        MemoryStore reopened = restart(store);
        Assumptions.assumeTrue(reopened != null, "this store keeps nothing across restarts");
        store = reopened;

        assertThat(store.count(collection)).isEqualTo(1);
        List<MemoryHit> hits = store.search(query(1, 0.6f, 0.8f));
        assertThat(hits).extracting(MemoryHit::record).containsExactly(kept);
        assertThatThrownBy(() -> store.search(query(1, 1f, 0f, 0f)))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH));
    }
}
