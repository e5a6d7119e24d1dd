package io.qlp.api.spi;

import java.util.Objects;

/**
 * A search result: the record and its cosine similarity to the query.
 *
 * <p>Example: {@code hits.get(0).score() > 0.8}
 *
 * @param record the stored record
 * @param score cosine similarity, higher is closer
 */
public record MemoryHit(MemoryRecord record, double score) {

    /** Rejects a null record. */
    public MemoryHit {
        Objects.requireNonNull(record, "record");
    }
}
