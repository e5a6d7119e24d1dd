package io.qlp.spring.boot.internal;

import io.qlp.api.Capsule;
import io.qlp.api.ProgressListener;
import io.qlp.api.ValidationReport;

/**
 * Sees what the auto-configured generator does: every progress event (as a {@link ProgressListener}), every
 * validation report, and every capsule it stores. Metrics are built on it. Calls come on the generating thread;
 * implementations are quick and do not throw.
 *
 * <p>Example: {@code class Counting implements GenerationObserver { public void onProgress(ProgressEvent e) {} }}
 */
public interface GenerationObserver extends ProgressListener {

    /** Called after each validation with its report, before the generator looks at it. */
    default void onValidated(ValidationReport report) {
    }

    /** Called after the generator stored {@code capsule}: a new one, or one served from a cache. */
    default void onStored(Capsule capsule) {
    }
}
