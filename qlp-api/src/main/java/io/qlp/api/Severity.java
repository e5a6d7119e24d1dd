package io.qlp.api;

/**
 * How bad a finding is. Only {@link #ERROR} fails a stage.
 *
 * <p>Example: {@code finding.severity() == Severity.ERROR}
 */
public enum Severity {
    /** Fails the stage. */
    ERROR,
    /** Worth fixing, does not fail the stage. */
    WARNING,
    /** For information. */
    INFO
}
