package io.qlp.api.spi;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.VersionMetadata;
import java.util.List;
import java.util.Optional;

/**
 * Keeps capsules and every version of them. Each save stores a new version whose parent is the version that was
 * latest; {@link #find(String)} and {@link #list(CapsuleQuery)} see the latest version only. Implementations are safe
 * for concurrent use, and store a version with all of its files or not at all.
 *
 * <p>Errors: failures to read or write are retriable {@link io.qlp.api.ErrorCode#STORE_FAILURE} errors (a database
 * that is down, a pool with no free connection); {@link #append} raises
 * {@link io.qlp.api.ErrorCode#VERSION_CONFLICT} when another writer got there first, and
 * {@link io.qlp.api.ErrorCode#CAPSULE_NOT_FOUND} for an unknown capsule.
 *
 * <p>Example:
 * <pre>{@code
 * store.save(capsule);                                         // version 1
 * CapsuleVersion v2 = store.append(edited, 1, VersionMetadata.of("ada", "rename the class"));
 * Capsule first = store.findVersion(capsule.id(), 1).orElseThrow();
 * }</pre>
 */
public interface CapsuleStore extends AutoCloseable {

    /**
     * Stores the capsule as its newest version (version 1 when new) with {@link VersionMetadata#saved()}. The last
     * writer wins; use {@link #append} to detect concurrent changes.
     */
    default void save(Capsule capsule) {
        save(capsule, VersionMetadata.saved());
    }

    /**
     * Stores the capsule as its newest version, on top of whatever version is latest. When {@code metadata} carries
     * a request id that already stored a version of this capsule, nothing is stored and that version is returned, so
     * a retried workflow step stores once.
     */
    CapsuleVersion save(Capsule capsule, VersionMetadata metadata);

    /**
     * Stores the capsule as a new version whose parent is {@code baseVersion}, which must still be the latest.
     * A request id that already stored a version returns that version, as in {@link #save(Capsule, VersionMetadata)}.
     *
     * @throws io.qlp.api.QlpException with {@link io.qlp.api.ErrorCode#VERSION_CONFLICT} when {@code baseVersion} is
     *     no longer the latest, or {@link io.qlp.api.ErrorCode#CAPSULE_NOT_FOUND} when no capsule has this id
     */
    CapsuleVersion append(Capsule capsule, int baseVersion, VersionMetadata metadata);

    /** The latest version of the capsule with this id, if stored. */
    Optional<Capsule> find(String id);

    /** The given version of the capsule, if stored. */
    Optional<Capsule> findVersion(String id, int version);

    /** The versions of the capsule, oldest first; empty when no capsule has this id. */
    List<CapsuleVersion> history(String id);

    /** Capsules matching the query, latest versions only, newest first (by manifest creation time, then id). */
    List<Capsule> list(CapsuleQuery query);

    /** Deletes the capsule with all of its versions; returns whether it existed. */
    boolean delete(String id);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
