package io.qlp.validation.internal.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds calls in the code view of a file: a pattern ending with the opening parenthesis, and the span of the
 * arguments up to the matching closing one.
 *
 * <p>Example: {@code CallSites.find(source, Pattern.compile("\\beval\\s*\\("))}
 */
public final class CallSites {

    private CallSites() {
    }

    /** Each match of {@code call} in the code view, with its arguments. */
    public static List<Call> find(LexedSource source, Pattern call) {
        List<Call> calls = new ArrayList<>();
        Matcher matcher = call.matcher(source.code());
        while (matcher.find()) {
            int open = matcher.end() - 1;
            if (source.code().charAt(open) != '(') {
                continue;
            }
            calls.add(new Call(matcher.start(), open, source.closingParen(open), matcher.group()));
        }
        return calls;
    }

    /**
     * One call.
     *
     * @param start offset of the match
     * @param open offset of the opening parenthesis
     * @param end offset just after the closing parenthesis
     * @param matched the matched text of the code view
     */
    public record Call(int start, int open, int end, String matched) {

        /** Offset of the first argument character. */
        public int argumentsStart() {
            return open + 1;
        }

        /** Offset of the closing parenthesis. */
        public int argumentsEnd() {
            return Math.max(open + 1, end - 1);
        }
    }
}
