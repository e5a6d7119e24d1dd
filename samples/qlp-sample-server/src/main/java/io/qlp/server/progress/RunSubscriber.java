package io.qlp.server.progress;

import io.qlp.api.ProgressEvent;

/**
 * Receives one generation's events: the history first, then live ones, then the end.
 *
 * <p>Example: an adapter that forwards to a Server-Sent-Events emitter.
 */
public interface RunSubscriber {

    /**
     * One event, numbered from 1 in the order it happened.
     *
     * @return false when the subscriber is gone and wants nothing more
     */
    boolean onEvent(long sequence, ProgressEvent event);

    /** The run ended; {@code log} tells how. Called once, last. */
    void onEnd(RunLog log);
}
