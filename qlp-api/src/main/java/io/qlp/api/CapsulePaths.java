package io.qlp.api;

import java.util.Map;

/**
 * The one check every capsule path passes: relative, forward slashes, no {@code ..}, inside the capsule root.
 *
 * <p>Example: {@code CapsulePaths.requireSafe("src/main/java/Foo.java")} returns the path;
 * {@code CapsulePaths.requireSafe("../../etc/passwd")} throws.
 */
public final class CapsulePaths {

    /** Longest accepted path, in characters. */
    public static final int MAX_PATH_LENGTH = 512;

    private CapsulePaths() {
    }

    /**
     * Returns {@code path} when it is safe to write under a capsule root.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#UNSAFE_PATH} naming the path otherwise
     */
    public static String requireSafe(String path) {
        String reason = unsafeReason(path);
        if (reason != null) {
            throw new NonRetriableQlpException(ErrorCode.UNSAFE_PATH,
                    "unsafe file path '" + path + "': " + reason, Map.of("path", path));
        }
        return path;
    }

    /** Whether {@link #requireSafe(String)} accepts the path. */
    public static boolean isSafe(String path) {
        return unsafeReason(path) == null;
    }

    private static String unsafeReason(String path) {
        if (path.isBlank()) {
            return "it is empty";
        }
        if (path.length() > MAX_PATH_LENGTH) {
            return "it is longer than " + MAX_PATH_LENGTH + " characters";
        }
        if (path.indexOf('\0') >= 0 || path.chars().anyMatch(Character::isISOControl)) {
            return "it contains a control character";
        }
        if (path.indexOf('\\') >= 0) {
            return "it contains a backslash; use '/'";
        }
        if (path.startsWith("/") || path.startsWith("~") || (path.length() > 1 && path.charAt(1) == ':')) {
            return "it is absolute";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "it contains '..'";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "it has an empty or '.' segment";
            }
        }
        return null;
    }
}
