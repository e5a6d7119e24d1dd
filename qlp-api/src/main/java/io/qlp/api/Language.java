package io.qlp.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Target languages QLP generates and validates.
 *
 * <p>Example: {@code Language.fromId("js")} is {@link #JAVASCRIPT}.
 */
public enum Language {
    /** Java 17, Maven layout, JUnit 5 tests under {@code src/test/java}. */
    JAVA("java", List.of("java"), List.of(".java")),
    /** Python 3 modules with pytest-style {@code test_*.py} files. */
    PYTHON("python", List.of("python", "py", "python3"), List.of(".py")),
    /** JavaScript for Node's {@code node:test} runner, tests in {@code *.test.js}. */
    JAVASCRIPT("javascript", List.of("javascript", "js", "node", "nodejs"), List.of(".js", ".mjs", ".cjs"));

    private final String id;
    private final List<String> aliases;
    private final List<String> extensions;

    Language(String id, List<String> aliases, List<String> extensions) {
        this.id = id;
        this.aliases = aliases;
        this.extensions = extensions;
    }

    /** The lower-case id used in configuration, JSON and the CLI. */
    public String id() {
        return id;
    }

    /** Source file extensions, with the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * Reads a language id or alias, case-insensitively.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} naming the value when it is unknown
     */
    public static Language fromId(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.aliases.contains(wanted)) {
                return language;
            }
        }
        throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST,
                "unknown language '" + text + "'; expected one of " + Arrays.stream(values()).map(Language::id).toList(),
                Map.of("field", "language", "value", text));
    }

    @Override
    public String toString() {
        return id;
    }
}
