package io.qlp.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change to a capsule's files, applied when a new version is made: create, modify, delete or rename a file.
 *
 * <p>Example:
 * <pre>{@code
 * List<FileChange> changes = List.of(
 *     FileChange.modify("src/main/java/demo/Adder.java", "package demo; ..."),
 *     FileChange.rename("README.txt", "README.md"),
 *     FileChange.delete("notes.txt"));
 * }</pre>
 *
 * @param operation what to do
 * @param path the file it applies to, checked by {@link CapsulePaths#requireSafe(String)}
 * @param content the new content, for {@link Operation#CREATE} and {@link Operation#MODIFY} only
 * @param to the new path, for {@link Operation#RENAME} only, checked like {@code path}
 */
public record FileChange(Operation operation, String path, @Nullable String content, @Nullable String to) {

    /** The kinds of change. */
    public enum Operation {
        /** Adds a file that does not exist. */
        CREATE,
        /** Replaces the content of an existing file. */
        MODIFY,
        /** Removes an existing file. */
        DELETE,
        /** Moves an existing file to a path that is free; its content stays. */
        RENAME;

        /** The lower-case name used in JSON, such as {@code create}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads {@code create}, {@code modify}, {@code delete} or {@code rename}, case-insensitively.
         *
         * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} naming the value otherwise
         */
        public static Operation fromId(String id) {
            for (Operation operation : values()) {
                if (operation.id().equalsIgnoreCase(id.trim())) {
                    return operation;
                }
            }
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "unknown change operation '" + id
                    + "'; expected create, modify, delete or rename", Map.of("field", "op", "value", id));
        }
    }

    /**
     * Checks that each operation carries exactly what it needs and that paths are safe.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} or {@link ErrorCode#UNSAFE_PATH}
     */
    public FileChange {
        Objects.requireNonNull(operation, "operation");
        CapsulePaths.requireSafe(Objects.requireNonNull(path, "path"));
        boolean needsContent = operation == Operation.CREATE || operation == Operation.MODIFY;
        if (needsContent != (content != null)) {
            throw invalid(path, operation.id() + " of '" + path + "' " + (needsContent
                    ? "needs a content" : "must not carry a content"));
        }
        if ((operation == Operation.RENAME) != (to != null)) {
            throw invalid(path, operation.id() + " of '" + path + "' " + (operation == Operation.RENAME
                    ? "needs a target path 'to'" : "must not carry a target path 'to'"));
        }
        if (to != null) {
            CapsulePaths.requireSafe(to);
            if (to.equals(path)) {
                throw invalid(path, "rename of '" + path + "' to itself");
            }
        }
    }

    /** Adds a new file. */
    public static FileChange create(String path, String content) {
        return new FileChange(Operation.CREATE, path, content, null);
    }

    /** Replaces an existing file's content. */
    public static FileChange modify(String path, String content) {
        return new FileChange(Operation.MODIFY, path, content, null);
    }

    /** Removes an existing file. */
    public static FileChange delete(String path) {
        return new FileChange(Operation.DELETE, path, null, null);
    }

    /** Moves an existing file to {@code to}. */
    public static FileChange rename(String path, String to) {
        return new FileChange(Operation.RENAME, path, null, to);
    }

    private static NonRetriableQlpException invalid(String path, String message) {
        return new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, message, Map.of("path", path));
    }
}
