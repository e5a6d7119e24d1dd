package io.qlp.core.decompose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a planned task produces. Its JSON form is the lower-case name: {@code "code"}, {@code "tests"}, {@code "docs"}.
 *
 * <p>Example: {@code TaskKind.parse("tests")} is {@link #TESTS}.
 */
public enum TaskKind {
    /** Production code. */
    CODE,
    /** Tests of code written by the tasks it depends on. */
    TESTS,
    /** Documentation, such as a README. */
    DOCS;

    /** The JSON form, such as {@code code}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException naming the text when it is not code, tests or docs
     */
    @JsonCreator
    public static TaskKind parse(String text) {
        for (TaskKind kind : values()) {
            if (kind.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("task kind must be code, tests or docs: '" + text + "'");
    }
}
