package io.qlp.api.spi;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One remembered item: a code pattern, a requirement or an error, with its embedding and filterable metadata.
 *
 * <p>Example: {@code new MemoryRecord("p-1", "code_patterns", code, vector, Map.of("language", "java"))}
 *
 * @param id unique within the collection; upserting the same id replaces the record
 * @param collection such as {@code code_patterns}, {@code requirements} or {@code errors}
 * @param text the remembered text
 * @param vector its embedding; every record of a collection has the same dimension
 * @param metadata filterable payload such as language, framework, tier and outcome
 */
public record MemoryRecord(String id, String collection, String text, float[] vector, Map<String, String> metadata) {

    /** Copies the vector and metadata and rejects empty ids, collections and vectors. */
    public MemoryRecord {
        if (Objects.requireNonNull(id, "id").isBlank()) throw new IllegalArgumentException("id must not be blank");
        if (Objects.requireNonNull(collection, "collection").isBlank()) {
            throw new IllegalArgumentException("collection must not be blank");
        }
        Objects.requireNonNull(text, "text");
        if (vector.length == 0) throw new IllegalArgumentException("vector must not be empty");
        vector = vector.clone();
        metadata = Map.copyOf(metadata);
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
                && text.equals(that.text) && Arrays.equals(vector, that.vector) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, collection, text, Arrays.hashCode(vector), metadata);
    }

    @Override
    public String toString() {
        return "MemoryRecord[id=" + id + ", collection=" + collection + ", dimension=" + vector.length
                + ", metadata=" + metadata + "]";
    }
}
