package io.qlp.api;

import java.util.Locale;

/**
 * What a capsule file is for.
 *
 * <p>Example: {@code FileRole.guess("src/test/java/FooTest.java")} is {@link #TEST}.
 */
public enum FileRole {
    /** Production code. */
    SOURCE,
    /** Test code. */
    TEST,
    /** Documentation. */
    DOC,
    /** Build files and configuration. */
    CONFIG;

    /** Guesses the role from a relative path, using each ecosystem's naming conventions. */
    public static FileRole guess(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        if (lower.startsWith("src/test/") || lower.contains("/test/") || lower.startsWith("test/")
                || lower.startsWith("tests/") || lower.contains("/tests/")
                || name.startsWith("test_") || name.endsWith("_test.py")
                || name.endsWith("test.java") || name.endsWith("tests.java")
                || name.contains(".test.") || name.contains(".spec.")) {
            return TEST;
        }
        if (name.endsWith(".md") || name.endsWith(".txt") || name.endsWith(".rst") || name.endsWith(".adoc")) {
            return DOC;
        }
        if (name.equals("pom.xml") || name.equals("package.json") || name.equals("pyproject.toml")
                || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".properties")
                || name.endsWith(".toml") || name.endsWith(".json") || name.endsWith(".xml") || name.endsWith(".cfg")) {
            return CONFIG;
        }
        return SOURCE;
    }
}
