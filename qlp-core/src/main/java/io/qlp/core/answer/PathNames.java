package io.qlp.core.answer;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises file paths where models write them: label lines before a block, path comments on a block's first line
 * and fence info strings. It only finds candidates; {@link io.qlp.api.CapsulePaths} decides whether one is safe.
 *
 * <p>Every answer line passes through here, so each regular expression is guarded by a cheap necessary condition
 * (a character it cannot match without) and simple ones are written as loops. The results are those of the plain
 * expressions; {@code AnswerParsingDifferentialTest} checks that against a copy of the regex-only version.
 */
final class PathNames {

    private static final Pattern FILE_NAME_EXTENSION = Pattern.compile("\\.[a-z][a-z0-9]{0,9}$");
    private static final Set<String> EXTENSIONLESS_NAMES = Set.of(
            "Makefile", "Dockerfile", "Containerfile", "Jenkinsfile", "Procfile", "Gemfile", "Rakefile", "LICENSE");
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:[\\\\/].*");

    private static final Pattern LIST_MARKER = Pattern.compile("^(?:[-*+]|\\d{1,3}[.)])\\s+");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern LABEL = Pattern.compile(
            "^[*_]{0,2}\\s*(?:file\\s*name|file\\s*path|file|path|location)\\s*[*_]{0,2}\\s*:\\s*[*_]{0,2}\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_NOISE = Pattern.compile(
            "(?:\\s+#+|\\s*\\([^)]*\\)|\\s+[-\u2013\u2014]\\s+.*|\\s*:)$");
    private static final Pattern SEPARATOR_LINE = Pattern.compile("^\\s*(?:[-*_=]\\s*){3,}$");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`\\s]+)`");

    private static final Pattern COMMENT = Pattern.compile(
            "^\\s*(?://+|#+|--|;+|/\\*+|<!--)\\s*"
                    + "(?:(?:file\\s*name|file\\s*path|file|path)\\s*:\\s*)?"
                    + "`?([^\\s`]+?)`?\\s*(?:\\*+/|-->)?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INFO_ATTRIBUTE = Pattern.compile(
            "(?:title|file|filename|path)\\s*=\\s*[\"']?([^\"'\\s}]+)", Pattern.CASE_INSENSITIVE);

    private PathNames() {
    }

    /**
     * Whether {@code token} names a file: it has a lower-case extension or a well-known extension-less name, or it
     * is written as an explicit path that {@link io.qlp.api.CapsulePaths} will have to judge (absolute, with
     * {@code ..}, backslashes or a drive letter).
     */
    static boolean looksLikePath(String token) {
        if (!isToken(token) || token.contains("://")) {
            return false;
        }
        if (hasFileName(token)) {
            return token.indexOf(':') < 0 || isDriveLetterPath(token);
        }
        boolean nested = token.indexOf('/') >= 0 || token.indexOf('\\') >= 0;
        return nested && (token.startsWith("/") || token.startsWith("~") || token.contains("..")
                || token.indexOf('\\') >= 0 || isDriveLetterPath(token));
    }

    /** Whether the last segment of {@code token} looks like a file name. */
    static boolean hasFileName(String token) {
        String name = token.substring(Math.max(token.lastIndexOf('/'), token.lastIndexOf('\\')) + 1);
        return name.indexOf('.') >= 0 && FILE_NAME_EXTENSION.matcher(name).find()
                || EXTENSIONLESS_NAMES.contains(name);
    }

    /** {@code [^\\s`*"'<>|(){}\\[\\],;]+} as a loop: one or more characters, none of them blank or markup. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r', '`', '*', '"', '\'', '<', '>', '|', '(', ')', '{', '}', '[',
                        ']', ',', ';' -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** {@link #DRIVE_LETTER}, tried only when the first three characters can match it. */
    private static boolean isDriveLetterPath(String text) {
        return text.length() >= 3 && isAsciiLetter(text.charAt(0)) && text.charAt(1) == ':'
                && (text.charAt(2) == '\\' || text.charAt(2) == '/') && DRIVE_LETTER.matcher(text).matches();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The characters {@code \s} matches in a Java regular expression without UNICODE_CHARACTER_CLASS. */
    static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * The path a line names when it is nothing but a path with markdown decoration: {@code ### src/Foo.java},
     * {@code **File:** `src/Foo.java`}, {@code Path: src/Foo.java}, {@code 1. `src/Foo.java`:} and the like.
     */
    static Optional<String> fromLabelLine(String line) {
        String text = line.strip();
        String previous;
        do {
            previous = text;
            if (mayStartWithListMarker(text)) {
                text = LIST_MARKER.matcher(text).replaceFirst("");
            }
            if (text.startsWith("#")) {
                text = HEADING.matcher(text).replaceFirst("");
            }
            if (mayStartWithLabel(text)) {
                text = LABEL.matcher(text).replaceFirst("");
            }
            if (mayEndWithNoise(text)) {
                text = TRAILING_NOISE.matcher(text).replaceFirst("");
            }
            text = unwrap(text).strip();
        } while (!text.equals(previous));
        return looksLikePath(text) ? Optional.of(text) : Optional.empty();
    }

    private static boolean mayStartWithListMarker(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '-' || first == '*' || first == '+' || first >= '0' && first <= '9';
    }

    /** {@link #LABEL} starts with emphasis, a blank or the first letter of one of its words. */
    private static boolean mayStartWithLabel(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return switch (first) {
            case '*', '_', 'f', 'F', 'p', 'P', 'l', 'L' -> true;
            default -> isRegexSpace(first);
        };
    }

    /** Each branch of {@link #TRAILING_NOISE} needs one of these characters. */
    private static boolean mayEndWithNoise(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '#', ')', ':', '-', '\u2013', '\u2014' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /**
     * The path a sentence or heading introducing a block names: the last back-quoted path, as in
     * {@code Create `src/Foo.java` with:} or {@code ### Step 2: add `src/Foo.java`}, or else, when the sentence ends
     * with a colon, a file name as its last word, as in {@code Save this as app.py:}.
     */
    static Optional<String> fromIntroLine(String line) {
        String text = unwrap(line.strip()).strip();
        boolean endsWithColon = text.endsWith(":");
        if (!endsWithColon && !(text.startsWith("#") && HEADING.matcher(text).find())) {
            return Optional.empty();
        }
        String quoted = null;
        if (text.indexOf('`') >= 0) {
            Matcher backticked = BACKTICKED.matcher(text);
            while (backticked.find()) {
                if (looksLikePath(backticked.group(1))) {
                    quoted = backticked.group(1);
                }
            }
        }
        if (quoted != null) {
            return Optional.of(quoted);
        }
        if (!endsWithColon) {
            return Optional.empty();
        }
        String sentence = text.substring(0, text.length() - 1).strip();
        String lastWord = unwrap(sentence.substring(sentence.lastIndexOf(' ') + 1));
        return isToken(lastWord) && hasFileName(lastWord) && lastWord.indexOf(':') < 0
                ? Optional.of(lastWord) : Optional.empty();
    }

    /** Whether the line only separates parts of the text, such as {@code ---}. */
    static boolean isSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '-' && c != '*' && c != '_' && c != '=' && !isRegexSpace(c)) {
                return false;
            }
        }
        return SEPARATOR_LINE.matcher(line).matches();
    }

    /** The path a comment names when it is a block's first line: {@code // src/Foo.java}, {@code # app.py}. */
    static Optional<String> fromComment(String firstLine) {
        if (!mayStartWithComment(firstLine)) {
            return Optional.empty();
        }
        Matcher comment = COMMENT.matcher(firstLine);
        if (comment.matches() && looksLikePath(comment.group(1))) {
            return Optional.of(comment.group(1));
        }
        return Optional.empty();
    }

    /** {@link #COMMENT} opens, after blanks, with one of {@code / # - ; <}. */
    private static boolean mayStartWithComment(String line) {
        int i = 0;
        while (i < line.length() && isRegexSpace(line.charAt(i))) {
            i++;
        }
        if (i == line.length()) {
            return false;
        }
        char first = line.charAt(i);
        return first == '/' || first == '#' || first == '-' || first == ';' || first == '<';
    }

    /** The path a fence's info string names: {@code java:src/Foo.java}, {@code java title="src/Foo.java"}. */
    static Optional<String> fromInfo(String info) {
        if (info.indexOf('=') >= 0) {
            Matcher attribute = INFO_ATTRIBUTE.matcher(info);
            if (attribute.find() && looksLikePath(attribute.group(1))) {
                return Optional.of(attribute.group(1));
            }
        }
        String first = firstWord(info.strip());
        int colon = first.indexOf(':');
        String candidate = colon > 0 && !isDriveLetterPath(first) ? first.substring(colon + 1) : first;
        return !candidate.isEmpty() && looksLikePath(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** What {@code text.split("\\s+", 2)[0]} returns for a stripped text, without a regex. */
    private static String firstWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isRegexSpace(text.charAt(i))) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** The lower-case language of a fence's info string, or empty when it names none. */
    static String language(String info) {
        // ^\{?\.?([A-Za-z0-9_+#-]*) as a loop: optional '{', optional '.', then the longest run of name characters.
        String text = info.strip();
        int start = 0;
        if (start < text.length() && text.charAt(start) == '{') {
            start++;
        }
        if (start < text.length() && text.charAt(start) == '.') {
            start++;
        }
        int end = start;
        while (end < text.length() && isLanguageChar(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean isLanguageChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '+' || c == '#' || c == '-';
    }

    /** Whether two paths name the same file, one perhaps without its directories. */
    static boolean sameFile(String one, String other) {
        String a = normalise(one);
        String b = normalise(other);
        return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
    }

    /** The path without surrounding blanks and leading {@code ./} segments, which models add by habit. */
    static String normalise(String path) {
        String result = path.strip();
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        return result;
    }

    private static String unwrap(String text) {
        for (String mark : new String[] {"**", "__", "`", "\"", "'", "*", "_"}) {
            if (text.length() > 2 * mark.length() && text.startsWith(mark) && text.endsWith(mark)) {
                return text.substring(mark.length(), text.length() - mark.length());
            }
        }
        return text;
    }
}
