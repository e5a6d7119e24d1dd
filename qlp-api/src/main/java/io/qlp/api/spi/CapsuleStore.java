package io.qlp.api.spi;

import io.qlp.api.Capsule;
import java.util.List;
import java.util.Optional;

/**
 * Keeps capsules. Saving a capsule with an existing id replaces it. Failures to read or write are
 * {@link io.qlp.api.ErrorCode#STORE_FAILURE} errors. Implementations are safe for concurrent use.
 *
 * <p>Example: {@code store.save(capsule); store.find(capsule.id()).orElseThrow();}
 */
public interface CapsuleStore extends AutoCloseable {

    /** Saves or replaces the capsule, all of it or nothing. */
    void save(Capsule capsule);

    /** The capsule with this id, if stored. */
    Optional<Capsule> find(String id);

    /** Capsules matching the query, newest first (by manifest creation time, then id). */
    List<Capsule> list(CapsuleQuery query);

    /** Deletes the capsule; returns whether it existed. */
    boolean delete(String id);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
