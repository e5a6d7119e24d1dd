package io.qlp.validation.internal.python;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a failure happened in the traceback text pytest puts into its report: the innermost frame that lies in
 * one of the capsule's files. pytest prints frames as {@code path:line: ...} with paths relative to its root folder
 * (the capsule), and in the standard format as {@code File "path", line N}.
 *
 * <p>Example: {@code PythonTraceback.innermostFrame(details, Set.of("test_calc.py"))} gives {@code test_calc.py:5}.
 */
public final class PythonTraceback {

    private static final Pattern PYTEST_FRAME = Pattern.compile("(?m)^(\\S[^\\n]*?\\.py):(\\d{1,9}): ");
    private static final Pattern PYTHON_FRAME = Pattern.compile("(?m)^\\s*File \"([^\"\\n]+\\.py)\", line (\\d{1,9})");

    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^E {1,7}(.*)$");

    private PythonTraceback() {
    }

    /** The exception lines pytest marks with {@code E} in a traceback, joined, if there are any. */
    public static Optional<String> errorLines(String traceback) {
        Matcher matcher = ERROR_LINE.matcher(traceback);
        StringBuilder lines = new StringBuilder();
        while (matcher.find()) {
            if (!matcher.group(1).isBlank()) {
                lines.append(lines.length() == 0 ? "" : " ").append(matcher.group(1).strip());
            }
        }
        return lines.length() == 0 ? Optional.empty() : Optional.of(lines.toString());
    }

    /**
     * The last frame of {@code traceback} whose file is one of {@code capsulePaths}.
     *
     * @param traceback the failure text
     * @param capsulePaths capsule-relative paths of the capsule's files
     */
    public static Optional<Frame> innermostFrame(String traceback, Set<String> capsulePaths) {
        Frame innermost = null;
        int innermostAt = -1;
        for (Pattern pattern : new Pattern[] {PYTEST_FRAME, PYTHON_FRAME}) {
            Matcher matcher = pattern.matcher(traceback);
            while (matcher.find()) {
                String file = matcher.group(1).startsWith("./") ? matcher.group(1).substring(2) : matcher.group(1);
                if (capsulePaths.contains(file) && matcher.start() > innermostAt) {
                    innermost = new Frame(file, Integer.parseInt(matcher.group(2)));
                    innermostAt = matcher.start();
                }
            }
        }
        return Optional.ofNullable(innermost);
    }

    /**
     * A location in a traceback.
     *
     * @param file capsule-relative path
     * @param line 1-based line
     */
    public record Frame(String file, int line) {
    }
}
