package io.qlp.server.progress;

/**
 * Where a generation stands.
 *
 * <p>Example: {@code if (log.state() == RunState.RUNNING) ...}
 */
public enum RunState {
    /** Still generating or validating. */
    RUNNING,
    /** Finished with a stored capsule, validated or not. */
    FINISHED,
    /** Ended with an error and no capsule. */
    FAILED
}
