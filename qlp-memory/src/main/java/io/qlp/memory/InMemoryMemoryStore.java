package io.qlp.memory;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.memory.internal.CollectionShape;
import io.qlp.memory.internal.VectorCollection;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A {@link MemoryStore} held in this process: exact cosine search over every record of a collection, with
 * exact-match metadata filters. Nothing survives the process; use it for tests and small memories.
 *
 * <p>Safe for concurrent use: searches and counts share a read lock, writes take the write lock, so an
 * {@link #upsert} of many records, even across collections, is seen whole or not at all. Each collection's
 * dimension and embedding model are fixed by its first record and kept while the collection exists, even when
 * emptied; a record or query of another dimension or model fails with {@link ErrorCode#EMBEDDING_MISMATCH}, and then nothing of the batch is
 * written. A zero vector has cosine similarity 0 to everything.
 *
 * <p>Example:
 * <pre>{@code
 * MemoryStore store = InMemoryMemoryStore.create();
 * store.upsert(List.of(new MemoryRecord("p-1", "code_patterns", "record Point(int x, int y) {}",
 *         new float[] {0.1f, 0.7f, 0.2f}, Map.of("language", "java"))));
 * List<MemoryHit> hits = store.search(new MemoryQuery("code_patterns", new float[] {0.1f, 0.6f, 0.3f}, 3,
 *         Map.of("language", "java"), 0.5));
 * }</pre>
 */
public final class InMemoryMemoryStore implements MemoryStore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, VectorCollection> collections = new HashMap<>();

    private InMemoryMemoryStore() {
    }

    /** A new, empty store. */
    public static InMemoryMemoryStore create() {
        return new InMemoryMemoryStore();
    }

    /**
     * {@inheritDoc}
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EMBEDDING_MISMATCH} naming both sides when a
     *     record's dimension or model differs from its collection's or from an earlier record of the batch
     * @throws IllegalArgumentException naming the record when its vector holds NaN or an infinity
     */
    @Override
    public void upsert(List<MemoryRecord> records) {
        List<MemoryRecord> batch = List.copyOf(records);
        inLock(lock.writeLock(), () -> {
            // Every record is checked before any is written, so a bad one leaves the store untouched.
            Map<String, CollectionShape> shapes = CollectionShape.checkBatch(batch, name -> {
                VectorCollection existing = collections.get(name);
                return existing == null ? null : existing.shape();
            });
            for (MemoryRecord record : batch) {
                collections.computeIfAbsent(record.collection(),
                        name -> new VectorCollection(shapes.get(name))).put(record);
            }
            return null;
        });
    }

    /**
     * {@inheritDoc} An unknown collection has no hits.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EMBEDDING_MISMATCH} naming both sides when the
     *     query's dimension or model differs from the collection's
     * @throws IllegalArgumentException when the query vector holds NaN or an infinity
     */
    @Override
    public List<MemoryHit> search(MemoryQuery query) {
        float[] vector = query.vector();
        CollectionShape.requireFinite(vector, "query vector");
        return inLock(lock.readLock(), () -> {
            VectorCollection collection = collections.get(query.collection());
            if (collection == null) {
                return List.of();
            }
            collection.shape().check(query.collection(), query);
            return List.copyOf(collection.search(vector, query.topK(), query.filter(), query.minScore()));
        });
    }

    @Override
    public int delete(String collection, Collection<String> ids) {
        Objects.requireNonNull(collection, "collection");
        List<String> distinctIds = List.copyOf(new LinkedHashSet<>(ids));
        return inLock(lock.writeLock(), () -> {
            VectorCollection target = collections.get(collection);
            return target == null ? 0 : target.removeAll(distinctIds);
        });
    }

    @Override
    public long count(String collection) {
        Objects.requireNonNull(collection, "collection");
        return inLock(lock.readLock(), () -> {
            VectorCollection target = collections.get(collection);
            return target == null ? 0L : target.size();
        });
    }

    private static <T> T inLock(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryMemoryStore[collections=" + inLock(lock.readLock(), collections::size) + "]";
    }
}
