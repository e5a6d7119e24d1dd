package io.qlp.api;

import java.util.Objects;

/**
 * One file of a capsule, with a path relative to the capsule root.
 *
 * <p>Example: {@code CapsuleFile.of("src/main/java/Foo.java", "class Foo {}")}
 *
 * @param path relative path with forward slashes, checked by {@link CapsulePaths#requireSafe(String)}
 * @param content text content
 * @param role what the file is for
 */
public record CapsuleFile(String path, String content, FileRole role) {

    /** Checks the path and rejects nulls. */
    public CapsuleFile {
        CapsulePaths.requireSafe(Objects.requireNonNull(path, "path"));
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(role, "role");
    }

    /** A file whose role is guessed from its path. */
    public static CapsuleFile of(String path, String content) {
        return new CapsuleFile(path, content, FileRole.guess(path));
    }
}
