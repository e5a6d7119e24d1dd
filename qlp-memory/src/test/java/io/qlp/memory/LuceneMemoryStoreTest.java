package io.qlp.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.spi.AbstractMemoryStoreTest;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneMemoryStoreTest extends AbstractMemoryStoreTest {

    @TempDir
    Path folder;

    @Override
    protected MemoryStore createStore() {
        return LuceneMemoryStore.open(folder);
    }

    @Override
    protected MemoryStore restart(MemoryStore store) {
        store.close();
        return LuceneMemoryStore.open(folder);
    }

    @Test
    void should_find_records_of_a_collection_with_an_unsafe_name_after_restart() {
        String name = "code patterns/../ünsafe";
        store.upsert(List.of(new MemoryRecord("a", name, "text", new float[] {1f, 0f}, "m", Map.of())));

        store = restart(store);

        assertThat(store.count(name)).isEqualTo(1);
        try (Stream<Path> children = Files.list(folder)) {
            assertThat(children.map(p -> p.getFileName().toString())).allMatch(n -> n.matches("[A-Za-z0-9_-]+"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void should_start_collection_afresh_and_keep_the_others_when_its_index_is_corrupt() throws IOException {
        String other = collection + "_other";
        store.upsert(List.of(record("a", 1f, 0f), new MemoryRecord("b", other, "b", new float[] {1f}, Map.of())));
        store.close();
        try (Stream<Path> files = Files.walk(folder.resolve(collection).resolve("index"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString()
                    .startsWith("segments_")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }

        store = LuceneMemoryStore.open(folder);

        assertThat(store.count(collection)).isZero();
        assertThat(store.count(other)).isEqualTo(1);
        store.upsert(List.of(record("fresh", 0f, 1f, 0f)));
        assertThat(store.count(collection)).isEqualTo(1);
        try (Stream<Path> children = Files.list(folder)) {
            assertThat(children.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(collection + ".corrupt-"));
        }
    }

    @Test
    void should_fail_with_store_failure_naming_the_folder_when_description_is_missing_and_asked_to_fail() {
        store.upsert(List.of(record("a", 1f, 0f)));
        store.close();
        Path described = folder.resolve(collection).resolve("collection.properties");
        assertThat(described.toFile().delete()).isTrue();

        assertThatThrownBy(() -> LuceneMemoryStore.builder().directory(folder).failOnCorruptIndex().build())
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining(folder.resolve(collection).toString());
        store = LuceneMemoryStore.open(folder);
    }

    @Test
    void should_fail_with_store_failure_when_another_store_holds_the_folder() {
        store.upsert(List.of(record("a", 1f, 0f)));

        assertThatThrownBy(() -> LuceneMemoryStore.open(folder))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessageContaining("in use");
    }

    @Test
    void should_reject_zero_vectors_naming_the_record() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.upsert(List.of(record("zero", 0f, 0f))))
                .withMessageContaining("record 'zero'");
        assertThat(store.count(collection)).isZero();
    }

    @Test
    void should_find_exact_neighbours_among_thousands_of_records() {
        java.util.Random random = new java.util.Random(7);
        List<MemoryRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            float[] vector = new float[16];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            records.add(record("r" + i, vector));
        }
        store.upsert(records);
        InMemoryMemoryStore exact = InMemoryMemoryStore.create();
        exact.upsert(records);

        for (int q = 0; q < 20; q++) {
            float[] vector = records.get(q * 100).vector();
            vector[0] += 0.3f;
            List<String> approximate = store.search(query(10, vector)).stream().map(h -> h.record().id()).toList();
            List<String> truth = exact.search(query(10, vector)).stream().map(h -> h.record().id()).toList();
            assertThat(approximate.get(0)).isEqualTo(truth.get(0));
            assertThat(approximate).hasSize(10);
        }
    }

    @Test
    void should_refuse_use_after_close() {
        store.close();

        assertThatIllegalStateException().isThrownBy(() -> store.count(collection)).withMessageContaining("closed");
        store = LuceneMemoryStore.open(folder);
    }

    @Test
    void should_be_found_by_name_embedded_and_open_the_configured_directory() {
        store.close();
        MemoryStoreFactory factory = ServiceProviders.load(MemoryStoreFactory.class, "embedded");

        try (MemoryStore created = factory.create(ProviderConfig.of(Map.of("directory", folder.toString())))) {
            assertThat(created).isInstanceOf(LuceneMemoryStore.class);
            assertThat(((LuceneMemoryStore) created).directory()).isEqualTo(folder);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(ProviderConfig.empty()))
                .withMessageContaining("directory");
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(ProviderConfig.of(Map.of(
                "directory", folder.toString(), "fail-on-corrupt-index", "maybe")))).withMessageContaining("maybe");
        store = LuceneMemoryStore.open(folder);
    }

    @Test
    void should_reject_bad_builder_values() {
        assertThatIllegalArgumentException().isThrownBy(() -> LuceneMemoryStore.builder().maxConnections(0))
                .withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> LuceneMemoryStore.builder().searchCandidates(-1))
                .withMessageContaining("-1");
        assertThatIllegalStateException().isThrownBy(() -> LuceneMemoryStore.builder().beamWidth(10).beamWidth(20))
                .withMessageContaining("10");
        assertThatIllegalStateException().isThrownBy(() -> LuceneMemoryStore.builder().build())
                .withMessageContaining("directory");
    }

    @Test
    void should_return_hits_with_exact_cosine_scores() {
        store.upsert(List.of(record("a", 3f, 4f)));

        MemoryHit hit = store.search(query(1, 4f, 3f)).get(0);

        assertThat(hit.score()).isEqualTo(24.0 / 25.0, org.assertj.core.api.Assertions.within(1e-9));
    }
    @Test
    void should_filter_correctly_when_every_record_shares_the_value_and_after_one_is_replaced() {
        Map<String, String> java = Map.of("language", "java");
        store.upsert(List.of(record("a", java, 1f, 0f), record("b", java, 0.9f, 0.1f), record("c", java, 0f, 1f)));
        assertThat(ids("java")).containsExactly("a", "b", "c");
        assertThat(ids("python")).isEmpty();

        // The replaced record's old version is deleted but still counted by the index until a merge.
        store.upsert(List.of(record("b", Map.of("language", "python"), 0.9f, 0.1f)));

        assertThat(ids("java")).containsExactly("a", "c");
        assertThat(ids("python")).containsExactly("b");
        assertThat(store.search(new io.qlp.api.spi.MemoryQuery(collection, new float[] {1f, 0f}, 3,
                Map.of("language", "java", "tier", "t1"), -1.0))).isEmpty();
    }

    private List<String> ids(String language) {
        return store.search(new io.qlp.api.spi.MemoryQuery(collection, new float[] {1f, 0f}, 3,
                Map.of("language", language), -1.0)).stream().map(h -> h.record().id()).toList();
    }

    @Test
    void should_write_nothing_of_a_batch_when_one_record_has_a_metadata_value_too_long_to_index() {
        store.upsert(List.of(record("kept", 1f, 0f)));
        List<MemoryRecord> batch = List.of(record("first", 1f, 0f), record("second", 0f, 1f),
                record("third", Map.of("source", "x".repeat(40_000)), 1f, 1f));

        assertThatThrownBy(() -> store.upsert(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record 'third'").hasMessageContaining("metadata 'source'");
        store.upsert(List.of(record("later", 0f, 1f)));
        store = restart(store);

        assertThat(store.count(collection)).isEqualTo(2);
        assertThat(store.search(query(10, 1f, 1f))).extracting(hit -> hit.record().id())
                .containsExactlyInAnyOrder("kept", "later");
    }

    @Test
    void should_keep_the_last_of_two_records_with_one_id_when_a_batch_repeats_it() {
        store.upsert(List.of(record("twice", Map.of("v", "1"), 1f, 0f), record("twice", Map.of("v", "2"), 0f, 1f)));

        store = restart(store);

        assertThat(store.count(collection)).isEqualTo(1);
        assertThat(store.search(query(10, 0f, 1f))).singleElement()
                .satisfies(hit -> assertThat(hit.record().metadata()).containsEntry("v", "2"));
    }
}
