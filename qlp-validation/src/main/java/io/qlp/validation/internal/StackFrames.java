package io.qlp.validation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code at Class.method(File.java:12)} lines of a printed stack trace.
 *
 * <p>Example: {@code StackFrames.parse(trace).get(0).className()}
 */
public final class StackFrames {

    // Optional "loader/module@version/" prefix, then the class, method and a source position.
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*at\\s+(?:\\S*/)?([\\w$.]+)\\.([\\w$<>]+)\\(([^():]*)(?::(\\d+))?\\)\\s*$", Pattern.MULTILINE);

    private StackFrames() {
    }

    /** The frames of {@code stackTrace}, top first. */
    public static List<Frame> parse(String stackTrace) {
        List<Frame> frames = new ArrayList<>();
        Matcher matcher = FRAME.matcher(stackTrace);
        while (matcher.find()) {
            String line = matcher.group(4);
            frames.add(new Frame(matcher.group(1), matcher.group(2), line == null ? 0 : Integer.parseInt(line)));
        }
        return frames;
    }

    /**
     * One stack frame.
     *
     * <p>Example: {@code new Frame("com.acme.CalcTest", "adds", 12)}
     *
     * @param className binary class name
     * @param method method name
     * @param line source line, or 0 when unknown
     */
    public record Frame(String className, String method, int line) {
    }
}
