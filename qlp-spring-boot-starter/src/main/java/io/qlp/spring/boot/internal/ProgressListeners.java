package io.qlp.spring.boot.internal;

import io.qlp.api.ProgressListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins listener beans into the generator's one listener.
 *
 * <p>Example: {@code builder.listener(ProgressListeners.all(List.of(metrics, log)))}
 */
public final class ProgressListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressListeners.class);

    private ProgressListeners() {
    }

    /** A listener that tells each of {@code listeners} in turn; one that throws does not keep the event from the rest. */
    public static ProgressListener all(List<? extends ProgressListener> listeners) {
        List<ProgressListener> copy = List.copyOf(listeners);
        return event -> {
            for (ProgressListener listener : copy) {
                try {
                    listener.onProgress(event);
                } catch (RuntimeException e) {
                    LOG.warn("progress listener {} failed on {}: {}", listener, event.stage(), e.toString());
                }
            }
        };
    }
}
