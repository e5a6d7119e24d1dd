package io.qlp.api.spi;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A nearest-neighbour search in one collection, with exact-match metadata filters. The query names the embedding
 * model that made its vector; searching a collection made by another model fails with
 * {@link io.qlp.api.ErrorCode#EMBEDDING_MISMATCH}.
 *
 * <p>Example: {@code new MemoryQuery("code_patterns", vector, "all-minilm-l6-v2", 5, Map.of("language", "java"), 0.3)}
 *
 * @param collection the collection to search
 * @param vector the query embedding
 * @param embeddingModel id of the model that made the vector
 * @param topK most hits to return, at least 1
 * @param filter metadata entries every hit must have
 * @param minScore lowest cosine similarity a hit may have
 */
public record MemoryQuery(String collection, float[] vector, String embeddingModel, int topK,
                          Map<String, String> filter, double minScore) {

    /** Copies the vector and filter and rejects bad values, naming them. */
    public MemoryQuery {
        Objects.requireNonNull(collection, "collection");
        if (Objects.requireNonNull(embeddingModel, "embeddingModel").isBlank()) {
            throw new IllegalArgumentException("embeddingModel must not be blank");
        }
        if (vector.length == 0) throw new IllegalArgumentException("vector must not be empty");
        if (topK < 1) throw new IllegalArgumentException("topK must be at least 1: " + topK);
        if (Double.isNaN(minScore)) throw new IllegalArgumentException("minScore must be a number: " + minScore);
        vector = vector.clone();
        filter = Map.copyOf(filter);
    }

    /** A query whose vector was made by an unnamed model ({@link MemoryRecord#UNNAMED_MODEL}). */
    public MemoryQuery(String collection, float[] vector, int topK, Map<String, String> filter, double minScore) {
        this(collection, vector, MemoryRecord.UNNAMED_MODEL, topK, filter, minScore);
    }

    /** A copy of the vector. */
    @Override
    public float[] vector() {
        return vector.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemoryQuery that && collection.equals(that.collection)
                && Arrays.equals(vector, that.vector) && embeddingModel.equals(that.embeddingModel)
                && topK == that.topK && filter.equals(that.filter)
                && Double.compare(minScore, that.minScore) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(collection, Arrays.hashCode(vector), embeddingModel, topK, filter, minScore);
    }

    @Override
    public String toString() {
        return "MemoryQuery[collection=" + collection + ", dimension=" + vector.length + ", embeddingModel="
                + embeddingModel + ", topK=" + topK
                + ", filter=" + filter + ", minScore=" + minScore + "]";
    }
}
