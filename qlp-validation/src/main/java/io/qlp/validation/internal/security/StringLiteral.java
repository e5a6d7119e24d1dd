package io.qlp.validation.internal.security;

/**
 * A string literal found by {@link SourceLexer}, with offsets into the file's text.
 *
 * <p>Example: for {@code x = f"a{b}"} the literal has prefix {@code f}, value {@code a{b}} and is interpolated.
 *
 * @param start offset of the first character, prefix included
 * @param contentStart offset of the first character after the opening quote
 * @param contentEnd offset of the closing quote
 * @param end offset just after the closing quote
 * @param prefix Python's string prefix ({@code f}, {@code rb}, ...), or empty
 * @param value the characters between the quotes, escapes left as written
 * @param interpolated whether the literal embeds expressions (f-string, template literal with {@code ${}})
 */
public record StringLiteral(int start, int contentStart, int contentEnd, int end, String prefix, String value,
                            boolean interpolated) {
}
