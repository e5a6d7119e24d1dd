package io.qlp.memory.internal;

import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The records of one collection, all of one dimension, searched exactly by cosine similarity. Not thread-safe:
 * the store guards it with its lock.
 *
 * <p>Example:
 * <pre>{@code
 * VectorCollection patterns = new VectorCollection(new CollectionShape(384, "all-minilm-l6-v2"));
 * patterns.put(record);
 * List<MemoryHit> hits = patterns.search(queryVector, 5, Map.of("language", "java"), 0.3);
 * }</pre>
 */
public final class VectorCollection {

    /** Best first; equal scores by id, so results are stable. */
    public static final Comparator<MemoryHit> BEST_FIRST = Comparator.comparingDouble(MemoryHit::score).reversed()
            .thenComparing(hit -> hit.record().id());

    private final CollectionShape shape;
    private final int dimension;
    private final Map<String, StoredVector> byId = new HashMap<>();

    /** A record with its vector copied once and its norm computed once, so searches allocate nothing per record. */
    private record StoredVector(MemoryRecord record, float[] vector, double norm) {
    }

    /** An empty collection of vectors of this shape. */
    public VectorCollection(CollectionShape shape) {
        this.shape = shape;
        this.dimension = shape.dimension();
    }

    /** The dimension and embedding model every vector of this collection has. */
    public CollectionShape shape() {
        return shape;
    }

    /** The dimension every vector of this collection has. */
    public int dimension() {
        return dimension;
    }

    /** Number of records. */
    public int size() {
        return byId.size();
    }

    /**
     * Inserts the record or replaces the one with its id.
     *
     * @throws IllegalArgumentException naming both dimensions when the record's differs; callers check first
     */
    public void put(MemoryRecord record) {
        if (record.dimension() != dimension) {
            throw new IllegalArgumentException("record '" + record.id() + "' has dimension " + record.dimension()
                    + ", the collection " + dimension);
        }
        float[] vector = record.vector();
        byId.put(record.id(), new StoredVector(record, vector, Cosine.norm(vector)));
    }

    /** Removes the records with these ids; returns how many existed. */
    public int removeAll(Collection<String> ids) {
        int removed = 0;
        for (String id : ids) {
            if (byId.remove(id) != null) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * The at most {@code topK} records closest to {@code query} whose metadata holds every {@code filter} entry and
     * whose score is at least {@code minScore}, best first.
     */
    public List<MemoryHit> search(float[] query, int topK, Map<String, String> filter, double minScore) {
        double queryNorm = Cosine.norm(query);
        // A min-heap of the best hits so far: its head is the worst one, dropped when a better one arrives.
        PriorityQueue<MemoryHit> best = new PriorityQueue<>(Math.min(topK, byId.size()) + 1, BEST_FIRST.reversed());
        for (StoredVector stored : byId.values()) {
            if (!matches(stored.record().metadata(), filter)) {
                continue;
            }
            double score = Cosine.similarity(query, queryNorm, stored.vector(), stored.norm());
            if (score < minScore) {
                continue;
            }
            best.add(new MemoryHit(stored.record(), score));
            if (best.size() > topK) {
                best.poll();
            }
        }
        List<MemoryHit> hits = new ArrayList<>(best);
        hits.sort(BEST_FIRST);
        return hits;
    }

    private static boolean matches(Map<String, String> metadata, Map<String, String> filter) {
        for (Map.Entry<String, String> wanted : filter.entrySet()) {
            if (!wanted.getValue().equals(metadata.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
