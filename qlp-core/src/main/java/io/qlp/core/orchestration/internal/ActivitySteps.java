package io.qlp.core.orchestration.internal;

import io.qlp.api.Capsule;
import io.qlp.api.Stage;
import io.qlp.api.ValidationReport;
import io.qlp.core.orchestration.ActivityPolicy;
import io.qlp.core.orchestration.CapsuleActivities;
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
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The steps as activities, for workflow code: each call is an activity with the policy's timeouts and retries, and
 * activity failures come back as the {@link io.qlp.api.QlpException}s they carry.
 */
final class ActivitySteps implements PipelineSteps {

    private final CapsuleActivities activities;
    private final Consumer<RunProgress> progress;
    private final String requestId;

    ActivitySteps(ActivityPolicy policy, Consumer<RunProgress> progress, String requestId) {
        this.activities = Workflow.newActivityStub(CapsuleActivities.class, stepOptions(policy), Map.of(
                "Plan", modelOptions(policy),
                "Generate", modelOptions(policy),
                "Validate", validationOptions(policy)));
        this.progress = progress;
        this.requestId = requestId;
    }

    /** Route, prompt, repair, store: quick steps, retried when their error is retriable. */
    static ActivityOptions stepOptions(ActivityPolicy policy) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.stepTimeout())
                .setRetryOptions(retry(policy, ActivityPolicy.STEP_ATTEMPTS))
                .build();
    }

    /** Plan and generate: paid model calls, heartbeating, tried at most {@code modelAttempts} times. */
    static ActivityOptions modelOptions(ActivityPolicy policy) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.modelTimeout())
                .setHeartbeatTimeout(policy.heartbeatTimeout())
                .setRetryOptions(retry(policy, policy.modelAttempts()))
                .build();
    }

    /** Validation: long, heartbeating, tried at most {@code validationAttempts} times. */
    static ActivityOptions validationOptions(ActivityPolicy policy) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.validationTimeout())
                .setHeartbeatTimeout(policy.heartbeatTimeout())
                .setRetryOptions(retry(policy, policy.validationAttempts()))
                .build();
    }

    private static RetryOptions retry(ActivityPolicy policy, int attempts) {
        return RetryOptions.newBuilder()
                .setInitialInterval(policy.initialInterval())
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(ActivityPolicy.MAX_INTERVAL)
                .setMaximumAttempts(attempts)
                .setDoNotRetry(Failures.NON_RETRIABLE_TYPES)
                .build();
    }

    @Override
    public Route route(RouteCall call) {
        return qlp(Stage.ROUTE, () -> activities.route(call));
    }

    @Override
    public Prompt prompt(PromptCall call) {
        return qlp(Stage.PROMPT, () -> activities.prompt(call));
    }

    @Override
    public PlanReply plan(ModelCall call) {
        return qlp(Stage.GENERATE, () -> activities.plan(call));
    }

    @Override
    public ModelReply generate(ModelCall call) {
        return qlp(Stage.GENERATE, () -> activities.generate(call));
    }

    /** Starts up to {@code maxParallel} activities, and a new one whenever one ends; replies in the calls' order. */
    @Override
    public List<ModelReply> generateAll(List<ModelCall> calls, int maxParallel) {
        List<Promise<ModelReply>> started = new ArrayList<>();
        List<Promise<ModelReply>> running = new ArrayList<>();
        for (ModelCall call : calls) {
            if (running.size() == maxParallel) {
                qlp(Stage.GENERATE, () -> Promise.anyOf(running).get());
                running.removeIf(Promise::isCompleted);
            }
            Promise<ModelReply> promise = Async.function(activities::generate, call);
            started.add(promise);
            running.add(promise);
        }
        List<ModelReply> replies = new ArrayList<>();
        for (Promise<ModelReply> promise : started) {
            replies.add(qlp(Stage.GENERATE, promise::get));
        }
        return replies;
    }

    @Override
    public ValidationReport validate(ValidateCall call) {
        return qlp(Stage.VALIDATE, () -> activities.validate(call));
    }

    @Override
    public Repair repair(RepairCall call) {
        return qlp(Stage.REPAIR, () -> activities.repair(call));
    }

    @Override
    public Capsule store(StoreCall call) {
        return qlp(Stage.STORE, () -> activities.store(call));
    }

    @Override
    public void progress(RunProgress now) {
        progress.accept(now);
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    @Override
    public @Nullable String requestId() {
        return requestId;
    }

    private static <T> T qlp(Stage stage, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw Failures.toQlp(e, stage);
        }
    }
}
