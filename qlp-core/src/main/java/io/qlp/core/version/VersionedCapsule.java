package io.qlp.core.version;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import java.util.Objects;

/**
 * A capsule as stored in one version, with that version's record.
 *
 * <p>Example: {@code VersionedCapsule v = versioning.createVersion(id, changes, meta); v.capsule().status();}
 *
 * @param version the version's record: number, parent, author, message
 * @param capsule the capsule in that version
 */
public record VersionedCapsule(CapsuleVersion version, Capsule capsule) {

    /** Rejects nulls. */
    public VersionedCapsule {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(capsule, "capsule");
    }
}
