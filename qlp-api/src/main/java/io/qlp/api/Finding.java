package io.qlp.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem a validator found, located as precisely as the tool allows.
 *
 * <p>Example: {@code Finding.error("compile", "src/main/java/Foo.java", 12, 5, "compiler.err", "';' expected")}
 *
 * @param stage the stage that found it, such as {@code syntax}, {@code compile} or {@code test}
 * @param severity how bad it is
 * @param file path relative to the capsule root, or null when it concerns no single file
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param rule the tool's rule or diagnostic code
 * @param message what is wrong, in the tool's words
 */
public record Finding(String stage, Severity severity, @Nullable String file, int line, int column,
                      String rule, String message) {

    /** Rejects nulls and negative positions. */
    public Finding {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative: " + line + ":" + column);
        }
    }

    /** An error finding. */
    public static Finding error(String stage, @Nullable String file, int line, int column, String rule, String message) {
        return new Finding(stage, Severity.ERROR, file, line, column, rule, message);
    }

    /** The {@code file:line: message} form used in repair prompts and logs. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
        }
        return text.append(message).toString();
    }
}
