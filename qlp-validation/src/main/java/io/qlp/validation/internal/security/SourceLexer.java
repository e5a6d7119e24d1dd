package io.qlp.validation.internal.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a source file into code, comments and string literals, well enough for pattern rules: Java (line and block
 * comments, strings, text blocks, char literals), Python (comments, prefixed and triple-quoted strings, f-strings)
 * and JavaScript (comments, quotes, template literals, regular-expression literals). It never fails: an unclosed
 * string or comment runs to the end of its line or of the file. Plain text is returned as all code, no literals.
 *
 * <p>Example: {@code LexedSource source = SourceLexer.lex("app.py", text);}
 */
public final class SourceLexer {

    private final String text;
    private final Dialect dialect;
    private final char[] code;
    private final List<StringLiteral> literals = new ArrayList<>();

    private SourceLexer(String text, Dialect dialect) {
        this.text = text;
        this.dialect = dialect;
        this.code = text.toCharArray();
    }

    /** Lexes {@code text} as the dialect of {@code path}. */
    public static LexedSource lex(String path, String text) {
        Dialect dialect = Dialect.of(path);
        SourceLexer lexer = new SourceLexer(text, dialect);
        if (dialect.isCode()) {
            lexer.run();
        }
        return new LexedSource(path, dialect, text, new String(lexer.code), lexer.literals);
    }

    private void run() {
        int i = 0;
        while (i < text.length()) {
            i = switch (dialect) {
                case JAVA -> javaToken(i);
                case PYTHON -> pythonToken(i);
                case JAVASCRIPT -> javaScriptToken(i);
                case TEXT -> text.length();
            };
        }
    }

    private int javaToken(int i) {
        if (text.startsWith("//", i)) {
            return blankUntil(i, lineEnd(i));
        }
        if (text.startsWith("/*", i)) {
            return blankUntil(i, blockCommentEnd(i));
        }
        if (text.startsWith("\"\"\"", i)) {
            return literal(i, i, 3, "\"\"\"", true, false);
        }
        char c = text.charAt(i);
        if (c == '"' || c == '\'') {
            return literal(i, i, 1, String.valueOf(c), false, false);
        }
        return i + 1;
    }

    private int javaScriptToken(int i) {
        if (text.startsWith("//", i)) {
            return blankUntil(i, lineEnd(i));
        }
        if (text.startsWith("/*", i)) {
            return blankUntil(i, blockCommentEnd(i));
        }
        char c = text.charAt(i);
        if (c == '"' || c == '\'') {
            return literal(i, i, 1, String.valueOf(c), false, false);
        }
        if (c == '`') {
            int end = literal(i, i, 1, "`", true, false);
            StringLiteral template = literals.get(literals.size() - 1);
            if (template.value().contains("${")) {
                literals.set(literals.size() - 1, new StringLiteral(template.start(), template.contentStart(),
                        template.contentEnd(), template.end(), "", template.value(), true));
            }
            return end;
        }
        if (c == '/' && regexMayStart(i)) {
            return blankUntil(i, regexEnd(i));
        }
        return i + 1;
    }

    private int pythonToken(int i) {
        char c = text.charAt(i);
        if (c == '#') {
            return blankUntil(i, lineEnd(i));
        }
        if (c != '"' && c != '\'') {
            return i + 1;
        }
        int prefixStart = i;
        while (prefixStart > 0 && prefixStart > i - 2 && "rRbBuUfF".indexOf(text.charAt(prefixStart - 1)) >= 0) {
            prefixStart--;
        }
        if (prefixStart > 0 && Character.isJavaIdentifierPart(text.charAt(prefixStart - 1))) {
            prefixStart = i;
        }
        String prefix = text.substring(prefixStart, i);
        boolean fString = prefix.indexOf('f') >= 0 || prefix.indexOf('F') >= 0;
        String triple = String.valueOf(c).repeat(3);
        if (text.startsWith(triple, i)) {
            return literal(prefixStart, i, 3, triple, true, fString);
        }
        return literal(prefixStart, i, 1, String.valueOf(c), false, fString);
    }

    /**
     * Records the literal whose opening quote ({@code quoteLength} characters) is at {@code quoteAt} and blanks its
     * contents; returns the offset after it.
     */
    private int literal(int start, int quoteAt, int quoteLength, String closing, boolean multiline,
                        boolean interpolated) {
        int contentStart = quoteAt + quoteLength;
        int i = contentStart;
        int contentEnd = text.length();
        int end = text.length();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\n' && !multiline) {
                contentEnd = i;
                end = i;
                break;
            }
            if (text.startsWith(closing, i)) {
                contentEnd = i;
                end = i + closing.length();
                break;
            }
            i++;
        }
        contentEnd = Math.min(contentEnd, text.length());
        end = Math.min(end, text.length());
        blank(contentStart, contentEnd);
        literals.add(new StringLiteral(start, contentStart, contentEnd, end, text.substring(start, quoteAt),
                text.substring(contentStart, contentEnd), interpolated));
        return Math.max(end, quoteAt + 1);
    }

    /** A {@code /} starts a regular expression where an operand is expected, not after a value. */
    private boolean regexMayStart(int i) {
        if (text.startsWith("//", i) || text.startsWith("/*", i)) {
            return false;
        }
        int j = i - 1;
        while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
            j--;
        }
        if (j < 0) {
            return true;
        }
        char previous = text.charAt(j);
        if ("(,=:[!&|?{};+-*%<>~^".indexOf(previous) >= 0) {
            return true;
        }
        int wordEnd = j + 1;
        while (j >= 0 && Character.isJavaIdentifierPart(text.charAt(j))) {
            j--;
        }
        String word = text.substring(j + 1, wordEnd);
        return word.equals("return") || word.equals("typeof") || word.equals("case") || word.equals("in")
                || word.equals("of") || word.equals("void") || word.equals("delete");
    }

    private int regexEnd(int i) {
        boolean inClass = false;
        for (int j = i + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '\n') {
                return j;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                return j + 1;
            }
        }
        return text.length();
    }

    private int lineEnd(int i) {
        int newline = text.indexOf('\n', i);
        return newline < 0 ? text.length() : newline;
    }

    private int blockCommentEnd(int i) {
        int close = text.indexOf("*/", i + 2);
        return close < 0 ? text.length() : close + 2;
    }

    private int blankUntil(int from, int to) {
        blank(from, to);
        return Math.max(to, from + 1);
    }

    private void blank(int from, int to) {
        for (int i = from; i < to && i < code.length; i++) {
            if (code[i] != '\n' && code[i] != '\r') {
                code[i] = ' ';
            }
        }
    }
}
