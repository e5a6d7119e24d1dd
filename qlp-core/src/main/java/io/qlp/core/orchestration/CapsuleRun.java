package io.qlp.core.orchestration;

import java.util.Objects;

/**
 * A started capsule workflow: follow it with {@code qlp status <capsuleId>}, wait for it with
 * {@link TemporalCapsuleClient#await(CapsuleRun)}.
 *
 * <p>Example: {@code CapsuleRun run = client.start(request); System.err.println("workflow " + run.workflowId());}
 *
 * @param capsuleId the capsule's id
 * @param workflowId the workflow's id
 */
public record CapsuleRun(String capsuleId, String workflowId) {

    /** Rejects nulls. */
    public CapsuleRun {
        Objects.requireNonNull(capsuleId, "capsuleId");
        Objects.requireNonNull(workflowId, "workflowId");
    }
}
