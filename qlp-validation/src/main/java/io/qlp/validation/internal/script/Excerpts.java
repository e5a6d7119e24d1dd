package io.qlp.validation.internal.script;

/**
 * Cuts tool output down to what fits in a finding's message.
 *
 * <p>Example: {@code Excerpts.tail(result.stderr(), 1500)}
 */
public final class Excerpts {

    private Excerpts() {
    }

    /** The last {@code max} characters of the stripped text, marked with a leading "..." when cut. */
    public static String tail(String text, int max) {
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : "..." + stripped.substring(stripped.length() - max);
    }

    /** The first {@code max} characters of the stripped text, marked with a trailing "..." when cut. */
    public static String head(String text, int max) {
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max) + "...";
    }

    /** {@code "; stderr: ..."} with the tail of {@code stderr}, or nothing when it is blank. */
    public static String stderrSuffix(String stderr, int max) {
        return stderr.isBlank() ? "" : "; stderr: " + tail(stderr, max);
    }

    /** What an exit code of a process killed by a limit means, with a leading space, or nothing. */
    public static String exitMeaning(int exitCode) {
        return switch (exitCode) {
            case 137 -> " (killed)";
            case 134 -> " (aborted)";
            case 139 -> " (segmentation fault)";
            case 152 -> " (CPU time limit exceeded)";
            case 153 -> " (file size limit exceeded)";
            default -> "";
        };
    }
}
