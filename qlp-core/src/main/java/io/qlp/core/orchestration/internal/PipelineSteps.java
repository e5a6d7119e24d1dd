package io.qlp.core.orchestration.internal;

import io.qlp.api.Capsule;
import io.qlp.api.ValidationReport;
import io.qlp.core.orchestration.CapsuleActivities.ModelCall;
import io.qlp.core.orchestration.CapsuleActivities.ModelReply;
import io.qlp.core.orchestration.CapsuleActivities.PlanReply;
import io.qlp.core.orchestration.CapsuleActivities.Prompt;
import io.qlp.core.orchestration.CapsuleActivities.PromptCall;
import io.qlp.core.orchestration.CapsuleActivities.Repair;
import io.qlp.core.orchestration.CapsuleActivities.RepairCall;
import io.qlp.core.orchestration.CapsuleActivities.Route;
import io.qlp.core.orchestration.CapsuleActivities.RouteCall;
import io.qlp.core.orchestration.CapsuleActivities.StoreCall;
import io.qlp.core.orchestration.CapsuleActivities.ValidateCall;
import io.qlp.core.orchestration.RunProgress;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How {@link StagedRun} performs its steps: as Temporal activities inside a workflow, or directly in process. Every
 * failure is a {@link io.qlp.api.QlpException}.
 */
public interface PipelineSteps {

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#route}. */
    Route route(RouteCall call);

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#prompt}. */
    Prompt prompt(PromptCall call);

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#plan}. */
    PlanReply plan(ModelCall call);

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#generate}. */
    ModelReply generate(ModelCall call);

    /** Runs the calls at most {@code maxParallel} at a time; the replies in the calls' order. */
    List<ModelReply> generateAll(List<ModelCall> calls, int maxParallel);

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#validate}. */
    ValidationReport validate(ValidateCall call);

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#repair}. */
    Repair repair(RepairCall call);

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#store}. */
    Capsule store(StoreCall call);

    /** Tells whoever follows the run; must not throw. */
    void progress(RunProgress progress);

    /** The current time: the clock in process, workflow time in a workflow. */
    Instant now();

    /** The store's request id for this run, if any. */
    @Nullable String requestId();
}
