package io.qlp.memory.internal;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every vector of a collection shares: its dimension and the embedding model that made it. Stores check each
 * record and query against it and fail with {@link ErrorCode#EMBEDDING_MISMATCH}, never mixing vectors silently.
 *
 * <p>Example: {@code new CollectionShape(384, "all-minilm-l6-v2").check("code_patterns", query)}
 *
 * @param dimension length of every vector
 * @param embeddingModel id of the model that made every vector
 */
public record CollectionShape(int dimension, String embeddingModel) {

    /** Rejects a dimension below 1 and a blank model id. */
    public CollectionShape {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1: " + dimension);
        }
        if (Objects.requireNonNull(embeddingModel, "embeddingModel").isBlank()) {
            throw new IllegalArgumentException("embeddingModel must not be blank");
        }
    }

    /** The shape a record would give a new collection. */
    public static CollectionShape of(MemoryRecord record) {
        return new CollectionShape(record.dimension(), record.embeddingModel());
    }

    /**
     * Checks a whole batch before anything is written: every record against its collection's existing shape, or
     * against the first record of the batch for a new collection.
     *
     * @param existing the shape of a collection, or null when it does not exist yet
     * @return the shape of every collection the batch touches
     * @throws NonRetriableQlpException with {@link ErrorCode#EMBEDDING_MISMATCH} naming both sides
     * @throws IllegalArgumentException naming the record when its vector holds NaN or an infinity
     */
    public static Map<String, CollectionShape> checkBatch(List<MemoryRecord> batch,
                                                         Function<String, @Nullable CollectionShape> existing) {
        Map<String, CollectionShape> shapes = new HashMap<>();
        for (MemoryRecord record : batch) {
            requireFinite(record.vector(), "record '" + record.id() + "'");
            CollectionShape expected = shapes.computeIfAbsent(record.collection(), name -> {
                CollectionShape found = existing.apply(name);
                return found != null ? found : of(record);
            });
            expected.check(record.collection(), record.dimension(), record.embeddingModel(),
                    "record '" + record.id() + "'", Map.of("id", record.id()));
        }
        return shapes;
    }

    /**
     * Checks a query against this shape.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EMBEDDING_MISMATCH} naming both sides
     * @throws IllegalArgumentException when the query vector holds NaN or an infinity
     */
    public void check(String collection, MemoryQuery query) {
        float[] vector = query.vector();
        requireFinite(vector, "query vector");
        check(collection, vector.length, query.embeddingModel(), "the query vector", Map.of());
    }

    /**
     * Checks records of {@code collection} against this shape.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EMBEDDING_MISMATCH} naming both sides
     */
    public void check(String collection, List<MemoryRecord> records) {
        for (MemoryRecord record : records) {
            check(collection, record.dimension(), record.embeddingModel(), "record '" + record.id() + "'",
                    Map.of("id", record.id()));
        }
    }

    private void check(String collection, int actualDimension, String actualModel, String what,
                       Map<String, String> extra) {
        if (actualDimension != dimension) {
            Map<String, Object> details = new HashMap<>(extra);
            details.put("collection", collection);
            details.put("expectedDimension", dimension);
            details.put("actualDimension", actualDimension);
            throw new NonRetriableQlpException(ErrorCode.EMBEDDING_MISMATCH, "collection '" + collection
                    + "' holds vectors of dimension " + dimension + ", but " + what + " has dimension "
                    + actualDimension, details);
        }
        if (!actualModel.equals(embeddingModel)) {
            Map<String, Object> details = new HashMap<>(extra);
            details.put("collection", collection);
            details.put("expectedModel", embeddingModel);
            details.put("actualModel", actualModel);
            throw new NonRetriableQlpException(ErrorCode.EMBEDDING_MISMATCH, "collection '" + collection
                    + "' holds vectors made by embedding model '" + embeddingModel + "', but " + what
                    + " was made by '" + actualModel + "'; vectors of different models cannot be compared", details);
        }
    }

    /**
     * Rejects NaN and infinite components.
     *
     * @throws IllegalArgumentException naming the owner and the index
     */
    public static void requireFinite(float[] vector, String owner) {
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(owner + " has a non-finite component at index " + i + ": "
                        + vector[i]);
            }
        }
    }
}
