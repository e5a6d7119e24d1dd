package io.qlp.validation.internal.js;

import io.qlp.validation.internal.script.ScratchFolder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a test failed in the error text Node's JUnit reporter writes: the innermost stack frame, that is the
 * first one printed, that lies in a capsule file. Frames look like {@code at fn (/abs/path/file.js:8:10)},
 * {@code at /abs/path/file.js:8:10} or, for ES modules, {@code file:///abs/path/file.mjs:8:10}.
 *
 * <p>Example: {@code new NodeStackFrames(scratch).innermost(details)} gives {@code sum.test.js:8:10}.
 */
public final class NodeStackFrames {

    private static final Pattern FRAME = Pattern.compile("(?:file://)?(/[^\\s():]+):(\\d{1,9}):(\\d{1,9})");

    private final ScratchFolder scratch;

    /** Reads frames against the capsule folder of {@code scratch}. */
    public NodeStackFrames(ScratchFolder scratch) {
        this.scratch = scratch;
    }

    /** The first frame of {@code details} inside the capsule. */
    public Optional<Frame> innermost(String details) {
        Matcher matcher = FRAME.matcher(details);
        while (matcher.find()) {
            Optional<String> file = scratch.relativeToCapsule(Path.of(matcher.group(1)));
            if (file.isPresent()) {
                return Optional.of(new Frame(file.get(), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3))));
            }
        }
        return Optional.empty();
    }

    /**
     * A location in a stack trace.
     *
     * @param file capsule-relative path
     * @param line 1-based line
     * @param column 1-based column
     */
    public record Frame(String file, int line, int column) {
    }
}
