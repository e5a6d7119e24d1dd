package io.qlp.core.version;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one file differs between two versions, with a unified diff ({@code ---}/{@code +++} headers, {@code @@} hunks,
 * three lines of context).
 *
 * <p>Example: {@code diffs.forEach(d -> System.out.print(d.unifiedDiff()));}
 *
 * @param kind what happened to the file
 * @param path the file's path in the newer version, or in the older one when it was removed
 * @param previousPath the path in the older version when the file was renamed; null otherwise
 * @param unifiedDiff the unified diff, ending with a new line; only headers for a rename without edits
 */
public record FileDiff(Kind kind, String path, @Nullable String previousPath, String unifiedDiff) {

    /** What happened to a file. */
    public enum Kind {
        /** Only in the newer version. */
        ADDED,
        /** Only in the older version. */
        REMOVED,
        /** In both, with other content. */
        MODIFIED,
        /** Moved to another path with the same content. */
        RENAMED
    }

    /** Rejects nulls and a previous path on anything but a rename. */
    public FileDiff {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(unifiedDiff, "unifiedDiff");
        if ((kind == Kind.RENAMED) != (previousPath != null)) {
            throw new IllegalArgumentException("previousPath is set exactly for renames: " + kind + " " + previousPath);
        }
    }
}
