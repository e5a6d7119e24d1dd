package io.qlp.core.orchestration;

import io.qlp.api.CapsuleRequest;
import java.util.Objects;

/**
 * What starts a {@link CapsuleWorkflow}: the ids are chosen by the client before the start, so the workflow itself
 * needs no randomness, and the user can follow the run at once.
 *
 * <p>Example: {@code new CapsuleWorkflowInput(UUID.randomUUID().toString(), request, ActivityPolicy.defaults())}
 *
 * @param capsuleId the id the capsule will have
 * @param request what to generate
 * @param policy timeouts and retries of the activities
 */
public record CapsuleWorkflowInput(String capsuleId, CapsuleRequest request, ActivityPolicy policy) {

    /** Rejects nulls and a blank id. */
    public CapsuleWorkflowInput {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(policy, "policy");
        if (Objects.requireNonNull(capsuleId, "capsuleId").isBlank()) {
            throw new IllegalArgumentException("capsuleId must not be blank");
        }
    }
}
