package io.qlp.core.orchestration;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a durable run is, as {@code qlp status} shows it.
 *
 * <p>Example: {@code RunStatus status = client.status(capsuleId); if (status.state().equals("RUNNING")) ...}
 *
 * @param workflowId the workflow's id
 * @param capsuleId the capsule's id
 * @param state the workflow's state: {@code RUNNING}, {@code COMPLETED}, {@code FAILED}, {@code CANCELED},
 *     {@code TERMINATED}, {@code TIMED_OUT} or {@code CONTINUED_AS_NEW}
 * @param progress the last stage the workflow reached, when a worker could answer the query
 * @param capsuleStatus the capsule's status, once completed
 * @param failure the error code and message, once failed
 */
public record RunStatus(String workflowId, String capsuleId, String state, @Nullable RunProgress progress,
                        @Nullable String capsuleStatus, @Nullable String failure) {

    /** Rejects nulls. */
    public RunStatus {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(capsuleId, "capsuleId");
        Objects.requireNonNull(state, "state");
    }

    /** Whether the workflow has ended, one way or another. */
    public boolean isClosed() {
        return !state.equals("RUNNING");
    }
}
