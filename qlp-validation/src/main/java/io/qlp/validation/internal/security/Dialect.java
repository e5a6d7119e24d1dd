package io.qlp.validation.internal.security;

import java.util.Locale;

/**
 * How a file is read: the programming language whose comments and strings the lexer knows, or plain text.
 *
 * <p>Example: {@code Dialect.of("src/app.py")} is {@link #PYTHON}.
 */
public enum Dialect {
    /** Java sources. */
    JAVA,
    /** Python sources. */
    PYTHON,
    /** JavaScript sources, CommonJS or ES modules. */
    JAVASCRIPT,
    /** Anything else: configuration, documentation, data. */
    TEXT;

    /** The dialect of a file by its extension. */
    public static Dialect of(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".java")) {
            return JAVA;
        }
        if (lower.endsWith(".py")) {
            return PYTHON;
        }
        if (lower.endsWith(".js") || lower.endsWith(".mjs") || lower.endsWith(".cjs")) {
            return JAVASCRIPT;
        }
        return TEXT;
    }

    /** Whether files of this dialect are code the lexer understands. */
    public boolean isCode() {
        return this != TEXT;
    }
}
