package io.qlp.cli;

/**
 * Exit codes of the {@code qlp} command, documented in the README.
 *
 * <p>Example: {@code System.exit(ExitCodes.VALIDATION_FAILED)}
 */
public final class ExitCodes {

    /** Everything validated. */
    public static final int OK = 0;
    /** Any error other than the ones below; the message names the error code. */
    public static final int ERROR = 1;
    /** Bad arguments, or no model configured. */
    public static final int USAGE = 2;
    /** Validation still failed after the last attempt. */
    public static final int VALIDATION_FAILED = 3;

    private ExitCodes() {
    }
}
