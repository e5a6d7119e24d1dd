package io.qlp.core.orchestration.internal;

import io.qlp.api.Capsule;
import io.qlp.api.QlpException;
import io.qlp.api.Stage;
import io.qlp.core.orchestration.CapsuleWorkflow;
import io.qlp.core.orchestration.CapsuleWorkflowInput;
import io.qlp.core.orchestration.RunProgress;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The capsule workflow: {@link StagedRun} over activities. Deterministic: the ids come in the input, time is workflow
 * time, and every effect is an activity. A {@link QlpException} fails the workflow with an application failure that
 * carries it.
 */
public final class CapsuleWorkflowImpl implements CapsuleWorkflow {

    private @Nullable RunProgress progress;

    /** Created by the worker for each run. */
    public CapsuleWorkflowImpl() {
    }

    @Override
    public Capsule generate(CapsuleWorkflowInput input) {
        progress = new RunProgress(input.capsuleId(), Stage.ROUTE, null, 0, "started",
                Instant.ofEpochMilli(Workflow.currentTimeMillis()), 0, 0);
        ActivitySteps steps = new ActivitySteps(input.policy(), now -> progress = now,
                Workflow.getInfo().getWorkflowId());
        try {
            return new StagedRun(input.request(), input.capsuleId(), steps).execute();
        } catch (QlpException e) {
            // Fails the run; the details keep whether the error was retriable, for the caller to decide.
            throw Failures.toFailure(e);
        }
    }

    @Override
    public RunProgress progress() {
        RunProgress now = progress;
        if (now == null) {
            throw new IllegalStateException("the workflow has not started yet");
        }
        return now;
    }
}
