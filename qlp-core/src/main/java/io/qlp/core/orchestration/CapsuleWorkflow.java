package io.qlp.core.orchestration;

import io.qlp.api.Capsule;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The durable capsule pipeline: route, prompt, (plan and one generate per task, when the request is decomposed),
 * generate, validate, repair, store, each step an activity of {@link CapsuleActivities}. Its result is the stored
 * capsule; a {@link io.qlp.api.QlpException} of the pipeline fails it with an application failure whose type is the
 * error code's name. The workflow id is {@link TemporalCapsuleClient#workflowId(String)} of the capsule id, and the
 * store's request id, so a retried store step stores once.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleWorkflow workflow = client.newWorkflowStub(CapsuleWorkflow.class, WorkflowOptions.newBuilder()
 *     .setTaskQueue("qlp").setWorkflowId(TemporalCapsuleClient.workflowId(capsuleId)).build());
 * Capsule capsule = workflow.generate(new CapsuleWorkflowInput(capsuleId, request, ActivityPolicy.defaults()));
 * }</pre>
 */
@WorkflowInterface
public interface CapsuleWorkflow {

    /** Runs the pipeline and returns the stored capsule. */
    @WorkflowMethod(name = "QlpCapsule")
    Capsule generate(CapsuleWorkflowInput input);

    /** Where the run is now. */
    @QueryMethod
    RunProgress progress();
}
