package io.qlp.api.spi;

import java.util.Collection;
import java.util.List;

/**
 * A vector store for what QLP remembers. Every collection has one dimension and one embedding model, fixed by its
 * first record; a record or query of another dimension or model fails with
 * {@link io.qlp.api.ErrorCode#EMBEDDING_MISMATCH}, and then nothing of the batch is written. Implementations are safe
 * for concurrent use.
 *
 * <p>Example:
 * <pre>{@code
 * store.upsert(List.of(record));
 * List<MemoryHit> hits = store.search(new MemoryQuery("code_patterns", vector, 3, Map.of(), 0.0));
 * }</pre>
 */
public interface MemoryStore extends AutoCloseable {

    /** Inserts or replaces records by id, in one batch: all are checked before any is written. */
    void upsert(List<MemoryRecord> records);

    /** The closest records matching the filter, best first, at most {@code topK}. */
    List<MemoryHit> search(MemoryQuery query);

    /** Deletes records by id; returns how many existed. */
    int delete(String collection, Collection<String> ids);

    /** Records in the collection, 0 for an unknown one. */
    long count(String collection);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
