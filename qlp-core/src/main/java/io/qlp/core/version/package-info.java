/**
 * Versions of stored capsules: {@link io.qlp.core.version.CapsuleVersioning} applies a
 * {@link io.qlp.core.version.ChangeSet} to the latest version, validates it again and stores it with its parent;
 * it lists versions and diffs two of them file by file ({@link io.qlp.core.version.FileDiff}, unified diffs).
 *
 * <p>Example:
 * <pre>{@code
 * VersionedCapsule v2 = versioning.createVersion(id, ChangeSet.fromJson(json), VersionMetadata.of("ada", "fix"));
 * versioning.diff(id, 1, 2).forEach(d -> System.out.print(d.unifiedDiff()));
 * }</pre>
 */
@NullMarked
package io.qlp.core.version;

import org.jspecify.annotations.NullMarked;
