package io.qlp.core.answer;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original, regex-only {@link PathNames}, kept verbatim as the oracle of {@code AnswerParsingDifferentialTest}.
 * Recognises file paths where models write them: label lines before a block, path comments on a block's first line
 * and fence info strings. It only finds candidates; {@link io.qlp.api.CapsulePaths} decides whether one is safe.
 */
final class OriginalPathNames {

    private static final Pattern FILE_NAME_EXTENSION = Pattern.compile("\\.[a-z][a-z0-9]{0,9}$");
    private static final Set<String> EXTENSIONLESS_NAMES = Set.of(
            "Makefile", "Dockerfile", "Containerfile", "Jenkinsfile", "Procfile", "Gemfile", "Rakefile", "LICENSE");
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:[\\\\/].*");
    private static final Pattern TOKEN = Pattern.compile("[^\\s`*\"'<>|(){}\\[\\],;]+");

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
    private static final Pattern INFO_LANGUAGE = Pattern.compile("^\\{?\\.?([A-Za-z0-9_+#-]*)");

    private OriginalPathNames() {
    }

    /**
     * Whether {@code token} names a file: it has a lower-case extension or a well-known extension-less name, or it
     * is written as an explicit path that {@link io.qlp.api.CapsulePaths} will have to judge (absolute, with
     * {@code ..}, backslashes or a drive letter).
     */
    static boolean looksLikePath(String token) {
        if (!TOKEN.matcher(token).matches() || token.contains("://")) {
            return false;
        }
        if (hasFileName(token)) {
            return token.indexOf(':') < 0 || DRIVE_LETTER.matcher(token).matches();
        }
        boolean nested = token.indexOf('/') >= 0 || token.indexOf('\\') >= 0;
        return nested && (token.startsWith("/") || token.startsWith("~") || token.contains("..")
                || token.indexOf('\\') >= 0 || DRIVE_LETTER.matcher(token).matches());
    }

    /** Whether the last segment of {@code token} looks like a file name. */
    static boolean hasFileName(String token) {
        String name = token.substring(Math.max(token.lastIndexOf('/'), token.lastIndexOf('\\')) + 1);
        return FILE_NAME_EXTENSION.matcher(name).find() || EXTENSIONLESS_NAMES.contains(name);
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
            text = LIST_MARKER.matcher(text).replaceFirst("");
            text = HEADING.matcher(text).replaceFirst("");
            text = LABEL.matcher(text).replaceFirst("");
            text = TRAILING_NOISE.matcher(text).replaceFirst("");
            text = unwrap(text).strip();
        } while (!text.equals(previous));
        return looksLikePath(text) ? Optional.of(text) : Optional.empty();
    }

    /**
     * The path a sentence or heading introducing a block names: the last back-quoted path, as in
     * {@code Create `src/Foo.java` with:} or {@code ### Step 2: add `src/Foo.java`}, or else, when the sentence ends
     * with a colon, a file name as its last word, as in {@code Save this as app.py:}.
     */
    static Optional<String> fromIntroLine(String line) {
        String text = unwrap(line.strip()).strip();
        boolean endsWithColon = text.endsWith(":");
        if (!endsWithColon && !HEADING.matcher(text).find()) {
            return Optional.empty();
        }
        String quoted = null;
        Matcher backticked = BACKTICKED.matcher(text);
        while (backticked.find()) {
            if (looksLikePath(backticked.group(1))) {
                quoted = backticked.group(1);
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
        return TOKEN.matcher(lastWord).matches() && hasFileName(lastWord) && lastWord.indexOf(':') < 0
                ? Optional.of(lastWord) : Optional.empty();
    }

    /** Whether the line only separates parts of the text, such as {@code ---}. */
    static boolean isSeparator(String line) {
        return SEPARATOR_LINE.matcher(line).matches();
    }

    /** The path a comment names when it is a block's first line: {@code // src/Foo.java}, {@code # app.py}. */
    static Optional<String> fromComment(String firstLine) {
        Matcher comment = COMMENT.matcher(firstLine);
        if (comment.matches() && looksLikePath(comment.group(1))) {
            return Optional.of(comment.group(1));
        }
        return Optional.empty();
    }

    /** The path a fence's info string names: {@code java:src/Foo.java}, {@code java title="src/Foo.java"}. */
    static Optional<String> fromInfo(String info) {
        Matcher attribute = INFO_ATTRIBUTE.matcher(info);
        if (attribute.find() && looksLikePath(attribute.group(1))) {
            return Optional.of(attribute.group(1));
        }
        String first = info.strip().split("\\s+", 2)[0];
        int colon = first.indexOf(':');
        String candidate = colon > 0 && !DRIVE_LETTER.matcher(first).matches() ? first.substring(colon + 1) : first;
        return !candidate.isEmpty() && looksLikePath(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** The lower-case language of a fence's info string, or empty when it names none. */
    static String language(String info) {
        Matcher language = INFO_LANGUAGE.matcher(info.strip());
        return language.find() ? language.group(1).toLowerCase(Locale.ROOT) : "";
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
