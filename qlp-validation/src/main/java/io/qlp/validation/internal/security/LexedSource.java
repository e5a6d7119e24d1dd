package io.qlp.validation.internal.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A file split by {@link SourceLexer}: its text, a "code view" of the same length in which comments and the
 * contents of string literals are blanked (line breaks kept, so offsets, lines and columns stay the same), and the
 * string literals themselves. Rules match calls on the code view, so a call named in a comment or a string does not
 * count, and read paths, SQL and secrets from the literals.
 *
 * <p>Example: {@code source.code().indexOf("eval(")} finds only a real call.
 *
 * @param path the file's capsule-relative path
 * @param dialect how the file was read
 * @param text the file's text
 * @param code the code view
 * @param literals the string literals, in order
 */
public record LexedSource(String path, Dialect dialect, String text, String code, List<StringLiteral> literals) {

    /** Copies the literals. */
    public LexedSource {
        literals = List.copyOf(literals);
        if (code.length() != text.length()) {
            throw new IllegalArgumentException("code view must be as long as the text");
        }
    }

    /** The 1-based line of {@code offset}. */
    public int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of {@code offset}. */
    public int columnOf(int offset) {
        int lineStart = offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
        return offset - lineStart + 1;
    }

    /**
     * The offset just after the parenthesis closing the one at {@code openParen}, counted on the code view, or the
     * end of the file when it is never closed.
     */
    public int closingParen(int openParen) {
        int depth = 0;
        for (int i = openParen; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return code.length();
    }

    /** The literals that lie wholly between {@code from} and {@code to}. */
    public List<StringLiteral> literalsIn(int from, int to) {
        List<StringLiteral> inside = new ArrayList<>();
        for (StringLiteral literal : literals) {
            if (literal.start() >= from && literal.end() <= to) {
                inside.add(literal);
            }
        }
        return inside;
    }

    /** The literal that starts at or after {@code offset}, skipping only whitespace, if any. */
    public Optional<StringLiteral> literalAt(int offset) {
        int i = offset;
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        int start = i;
        return literals.stream().filter(l -> l.start() == start).findFirst();
    }

    /** Whether {@code offset} is code, not inside a comment or a literal's contents. */
    public boolean isCode(int offset) {
        if (offset < 0 || offset >= text.length()) {
            return false;
        }
        char c = text.charAt(offset);
        return Character.isWhitespace(c) || code.charAt(offset) == c;
    }

    /** The code view between {@code from} and {@code to} with every literal replaced by a placeholder word. */
    public String codeWithoutLiterals(int from, int to) {
        char[] view = code.substring(from, to).toCharArray();
        for (StringLiteral literal : literalsIn(from, to)) {
            Arrays.fill(view, literal.start() - from, literal.end() - from, ' ');
            view[literal.start() - from] = 'S';
        }
        return new String(view);
    }
}
