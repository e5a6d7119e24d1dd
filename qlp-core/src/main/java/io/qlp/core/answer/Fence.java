package io.qlp.core.answer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An opening code fence, as CommonMark defines it: three or more backticks or tildes, an optional info string, and
 * a closing line of the same character at least as long. Indented fences (inside list items) are accepted, and
 * their indentation is removed from the block's lines.
 *
 * @param indent the whitespace before the fence
 * @param marker the fence character
 * @param length how many fence characters open it
 * @param info the info string, such as {@code java}
 */
record Fence(String indent, char marker, int length, String info) {

    private static final Pattern OPENING = Pattern.compile("^([ \\t]*)(`{3,}|~{3,})(.*)$");

    /** The fence {@code line} opens, or null when it opens none. */
    static @Nullable Fence open(String line) {
        if (!mayOpen(line)) {
            return null;
        }
        Matcher opening = OPENING.matcher(line);
        if (!opening.matches()) {
            return null;
        }
        char marker = opening.group(2).charAt(0);
        String info = opening.group(3).strip();
        if (marker == '`' && info.indexOf('`') >= 0) {
            // Backticks in the info string make it inline code, such as ```java```, not a fence.
            return null;
        }
        return new Fence(opening.group(1), marker, opening.group(2).length(), info);
    }

    /** {@link #OPENING} needs three backticks or tildes after the indentation; most lines fail this at once. */
    private static boolean mayOpen(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i + 3 > line.length()) {
            return false;
        }
        char marker = line.charAt(i);
        return (marker == '`' || marker == '~') && line.charAt(i + 1) == marker && line.charAt(i + 2) == marker;
    }

    /** Whether {@code line} closes this fence. */
    boolean isClosedBy(String line) {
        String text = line.strip();
        if (text.length() < length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != marker) {
                return false;
            }
        }
        return true;
    }

    /** The block's lines without the fence's indentation. */
    List<String> unindent(List<String> lines) {
        if (indent.isEmpty()) {
            return lines;
        }
        return lines.stream().map(this::unindent).toList();
    }

    private String unindent(String line) {
        int remove = 0;
        while (remove < indent.length() && remove < line.length() && Character.isWhitespace(line.charAt(remove))) {
            remove++;
        }
        return line.substring(remove);
    }

    /** The lower-case language of the info string, or empty. */
    String language() {
        return PathNames.language(info);
    }
}
