package io.qlp.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.spi.AbstractMemoryStoreTest;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryMemoryStoreTest extends AbstractMemoryStoreTest {

    @Override
    protected MemoryStore createStore() {
        return InMemoryMemoryStore.create();
    }

    @Test
    void should_score_zero_when_stored_vector_is_zero() {
        store.upsert(List.of(record("zero", 0f, 0f), record("x", 1f, 0f)));

        List<MemoryHit> hits = store.search(query(2, 1f, 0f));

        assertThat(hits).extracting(hit -> hit.record().id()).containsExactly("x", "zero");
        assertThat(hits.get(1).score()).isZero();
    }

    @Test
    void should_score_zero_when_query_vector_is_zero() {
        store.upsert(List.of(record("x", 1f, 0f)));

        assertThat(store.search(query(1, 0f, 0f))).singleElement()
                .satisfies(hit -> assertThat(hit.score()).isZero());
    }

    @Test
    void should_order_equal_scores_by_id() {
        store.upsert(List.of(record("b", 2f, 0f), record("c", 1f, 0f), record("a", 3f, 0f)));

        assertThat(store.search(query(3, 1f, 0f))).extracting(hit -> hit.record().id())
                .containsExactly("a", "b", "c");
    }

    @Test
    void should_keep_dimension_when_collection_was_emptied() {
        store.upsert(List.of(record("a", 1f, 0f)));
        store.delete(collection, List.of("a"));

        assertThatThrownBy(() -> store.upsert(List.of(record("b", 1f, 0f, 0f))))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH));
    }

    @Test
    void should_name_collection_and_dimensions_in_details_when_dimensions_differ() {
        store.upsert(List.of(record("a", 1f, 0f)));

        assertThatThrownBy(() -> store.upsert(List.of(record("b", 1f, 0f, 0f))))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.details())
                        .containsEntry("collection", collection)
                        .containsEntry("expectedDimension", 2)
                        .containsEntry("actualDimension", 3)
                        .containsEntry("id", "b"))
                .hasMessageContaining("record 'b'");
    }

    @Test
    void should_reject_non_finite_vectors_and_write_nothing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.upsert(List.of(record("ok", 1f, 0f), record("nan", Float.NaN, 0f))))
                .withMessageContaining("record 'nan'").withMessageContaining("index 0");
        assertThat(store.count(collection)).isZero();

        store.upsert(List.of(record("ok", 1f, 0f)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.search(new MemoryQuery(collection, new float[] {Float.POSITIVE_INFINITY, 0f},
                        1, Map.of(), 0)))
                .withMessageContaining("query vector");
    }

    @Test
    void should_keep_last_record_when_a_batch_repeats_an_id() {
        store.upsert(List.of(record("a", Map.of("v", "1"), 1f, 0f), record("a", Map.of("v", "2"), 0f, 1f)));

        assertThat(store.count(collection)).isEqualTo(1);
        assertThat(store.search(query(1, 0f, 1f)).get(0).record().metadata()).containsEntry("v", "2");
    }

    @Test
    void should_not_change_stored_record_when_caller_changes_its_array() {
        float[] vector = {1f, 0f};
        store.upsert(List.of(record("a", vector)));
        vector[0] = 0f;
        vector[1] = 1f;

        assertThat(store.search(query(1, 1f, 0f)).get(0).score()).isEqualTo(1.0);
    }
}
