package io.qlp.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of a running generation, sent to {@link ProgressListener}s as it happens.
 *
 * <p>Example: {@code listener.onProgress(new ProgressEvent(id, Stage.VALIDATE, Tier.T0, 1, "compiling", Instant.now()))}
 *
 * @param capsuleId the capsule being generated
 * @param stage the pipeline stage
 * @param tier the tier of the current attempt, if one was chosen
 * @param attempt the current attempt, 0 before the first
 * @param message a short human-readable description
 * @param at when it happened
 */
public record ProgressEvent(String capsuleId, Stage stage, @Nullable Tier tier, int attempt, String message,
                            Instant at) {

    /** Rejects nulls. */
    public ProgressEvent {
        Objects.requireNonNull(capsuleId, "capsuleId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
