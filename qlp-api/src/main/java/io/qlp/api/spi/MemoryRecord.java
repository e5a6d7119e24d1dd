package io.qlp.api.spi;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One remembered item: a code pattern, a requirement or an error, with its embedding, the id of the embedding model
 * that made it, and filterable metadata.
 *
 * <p>Example: {@code new MemoryRecord("p-1", "code_patterns", code, vector, "all-minilm-l6-v2", Map.of("language", "java"))}
 *
 * @param id unique within the collection; upserting the same id replaces the record
 * @param collection such as {@code code_patterns}, {@code requirements} or {@code errors}
 * @param text the remembered text
 * @param vector its embedding; every record of a collection has the same dimension
 * @param embeddingModel id of the model that made the vector; every record of a collection has the same one
 * @param metadata filterable payload such as language, framework, tier and outcome
 */
public record MemoryRecord(String id, String collection, String text, float[] vector, String embeddingModel,
                           Map<String, String> metadata) {

    /** Model id of records and queries that do not name their embedding model. */
    public static final String UNNAMED_MODEL = "unnamed";

    /** Copies the vector and metadata and rejects empty ids, collections, model ids and vectors. */
    public MemoryRecord {
        if (Objects.requireNonNull(id, "id").isBlank()) throw new IllegalArgumentException("id must not be blank");
        if (Objects.requireNonNull(collection, "collection").isBlank()) {
            throw new IllegalArgumentException("collection must not be blank");
        }
        Objects.requireNonNull(text, "text");
        if (Objects.requireNonNull(embeddingModel, "embeddingModel").isBlank()) {
            throw new IllegalArgumentException("embeddingModel must not be blank");
        }
        if (vector.length == 0) throw new IllegalArgumentException("vector must not be empty");
        vector = vector.clone();
        metadata = Map.copyOf(metadata);
    }

    /** A record made by an unnamed embedding model ({@value #UNNAMED_MODEL}); for tests and single-model stores. */
    public MemoryRecord(String id, String collection, String text, float[] vector, Map<String, String> metadata) {
        this(id, collection, text, vector, UNNAMED_MODEL, metadata);
    }

    /** A copy of the vector. */
    @Override
    public float[] vector() {
        return vector.clone();
    }

    /** The vector's dimension. */
    public int dimension() {
        return vector.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemoryRecord that && id.equals(that.id) && collection.equals(that.collection)
                && text.equals(that.text) && Arrays.equals(vector, that.vector)
                && embeddingModel.equals(that.embeddingModel) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, collection, text, Arrays.hashCode(vector), embeddingModel, metadata);
    }

    @Override
    public String toString() {
        return "MemoryRecord[id=" + id + ", collection=" + collection + ", dimension=" + vector.length
                + ", embeddingModel=" + embeddingModel + ", metadata=" + metadata + "]";
    }
}
