package io.qlp.api;

/**
 * Receives progress events. Called on the generating thread: keep it quick, and do not throw.
 *
 * <p>Example: {@code ProgressListener log = e -> System.err.println(e.stage() + " " + e.message());}
 */
@FunctionalInterface
public interface ProgressListener {

    /** Called for every step. */
    void onProgress(ProgressEvent event);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return event -> { };
    }
}
