package io.qlp.core.orchestration;

import io.qlp.api.ProgressEvent;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a durable run is: the latest progress event and, when decomposed, how many tasks are done. Answered by
 * {@link CapsuleWorkflow#progress()}.
 *
 * <p>Example: {@code RunProgress now = client.status(capsuleId).progress();}
 *
 * @param capsuleId the capsule being generated
 * @param stage the current stage
 * @param tier the tier of the current attempt, if chosen
 * @param attempt the current attempt, 0 before the first
 * @param message what is happening
 * @param at when the stage was entered, in workflow time
 * @param tasksDone decomposed tasks finished
 * @param tasksTotal decomposed tasks planned; 0 when not decomposed
 */
public record RunProgress(String capsuleId, Stage stage, @Nullable Tier tier, int attempt, String message,
                          Instant at, int tasksDone, int tasksTotal) {

    /** Rejects nulls. */
    public RunProgress {
        Objects.requireNonNull(capsuleId, "capsuleId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    /** The progress event this state stands for. */
    public ProgressEvent event() {
        return new ProgressEvent(capsuleId, stage, tier, attempt, message, at);
    }
}
