package io.qlp.core.orchestration.internal;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Finding;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import io.qlp.core.decompose.PlannedTask;
import io.qlp.core.decompose.TaskPlan;
import io.qlp.core.decompose.internal.AnswerText;
import io.qlp.core.decompose.internal.FileMerge;
import io.qlp.core.decompose.internal.PlanPrompts;
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
import io.qlp.core.orchestration.Turn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline loop of {@link io.qlp.core.internal.GenerationRun}, step by step through {@link PipelineSteps}, plus
 * task decomposition. Deterministic: no clock, randomness or I/O of its own, so it can run as workflow code; the
 * same answers give the same attempts, files and status as the in-process run.
 */
public final class StagedRun {

    private final CapsuleRequest request;
    private final String capsuleId;
    private final PipelineSteps steps;

    private final List<Turn> conversation = new ArrayList<>();
    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final Set<Tier> tiersUsed = new LinkedHashSet<>();
    private final List<Finding> repairedErrors = new ArrayList<>();
    private Usage usage = Usage.none();
    private int tasksDone;
    private int tasksTotal;

    /** A run of {@code request} whose capsule gets {@code capsuleId}. */
    public StagedRun(CapsuleRequest request, String capsuleId, PipelineSteps steps) {
        this.request = request;
        this.capsuleId = capsuleId;
        this.steps = steps;
    }

    /**
     * Runs the pipeline.
     *
     * @throws QlpException with this run's capsule id in its context
     */
    public Capsule execute() {
        try {
            return run();
        } catch (QlpException e) {
            emit(Stage.DONE, null, attempts.size(), "failed: " + e.errorCode().code());
            throw e.withContext(ErrorContext.empty().withCapsuleId(capsuleId));
        }
    }

    private Capsule run() {
        emit(Stage.ROUTE, null, 0, "routing");
        Route route = steps.route(new RouteCall(capsuleId, request));
        Tier tier = route.tier();
        String reason = route.reason();
        emit(Stage.ROUTE, tier, 0, reason);

        emit(Stage.PROMPT, tier, 0, "building prompt");
        Prompt prompt = steps.prompt(new PromptCall(capsuleId, request, route.decompose()));
        if (!prompt.memoryIds().isEmpty()) {
            emit(Stage.PROMPT, tier, 0, "using " + prompt.memoryIds().size() + " memories: " + prompt.memoryIds());
        }
        conversation.add(Turn.system(prompt.system()));
        conversation.add(Turn.user(prompt.user()));

        List<CapsuleFile> files = List.of();
        ValidationReport report = ValidationReport.empty();
        CapsuleStatus status = CapsuleStatus.FAILED_VALIDATION;
        int failuresOnTier = 0;
        QlpException lastParseError = null;

        for (int attempt = 1; attempt <= route.maxAttempts(); attempt++) {
            ModelReply answer;
            String attemptReason = reason;
            if (attempt == 1 && route.decompose()) {
                answer = decomposed(route, prompt, tier);
                attemptReason = reason + "; decomposed into " + tasksTotal + " tasks";
            } else {
                emit(Stage.GENERATE, tier, attempt, "calling " + route.modelNames().get(tier));
                answer = steps.generate(new ModelCall(capsuleId, tier, List.copyOf(conversation),
                        request.budgetUsd(), usage.costUsd(), attempt));
                spend(answer.usage());
            }
            conversation.add(Turn.assistant(answer.text()));

            emit(Stage.PARSE, tier, attempt, "reading files");
            if (answer.noFilesMessage() != null) {
                lastParseError = new NonRetriableQlpException(ErrorCode.NO_FILES_IN_ANSWER, answer.noFilesMessage(),
                        new ErrorContext(tier, Stage.PARSE, capsuleId), Map.of(), null);
                attempts.add(new AttemptRecord(attempt, tier, false, 1, attemptReason + "; answer had no files"));
                conversation.add(Turn.user(prompt.formatReminder()));
                continue;
            }
            lastParseError = null;
            List<CapsuleFile> parsed = answer.files();
            if (parsed.equals(files)) {
                // The same files fail the same way, so the previous report's errors are this attempt's too.
                attempts.add(new AttemptRecord(attempt, tier, false, report.errors().size(),
                        attemptReason + "; same files as the previous answer", report.errors()));
                status = CapsuleStatus.NO_PROGRESS;
                emit(Stage.VALIDATE, tier, attempt, "the model returned the same files again; stopping");
                break;
            }
            files = parsed;

            emit(Stage.VALIDATE, tier, attempt, "validating " + files.size() + " files");
            report = steps.validate(new ValidateCall(capsuleId, files, request.language()));
            attempts.add(new AttemptRecord(attempt, tier, report.passed(), report.errors().size(), attemptReason,
                    report.errors()));
            if (report.passed()) {
                status = CapsuleStatus.VALIDATED;
                emit(Stage.VALIDATE, tier, attempt, "validated");
                break;
            }
            emit(Stage.VALIDATE, tier, attempt, report.errors().size() + " errors");
            if (attempt == route.maxAttempts()) {
                break;
            }
            failuresOnTier++;
            Repair next = steps.repair(new RepairCall(capsuleId, request, tier, failuresOnTier, report));
            if (next.tier() != tier) {
                failuresOnTier = 0;
            }
            tier = next.tier();
            reason = next.reason();
            emit(Stage.REPAIR, tier, attempt, "asking for a repair of " + report.errors().size() + " errors");
            repairedErrors.addAll(report.errors());
            conversation.add(Turn.user(next.prompt()));
        }
        if (lastParseError != null) {
            throw lastParseError;
        }
        emit(Stage.STORE, null, attempts.size(), "storing");
        Capsule capsule = steps.store(new StoreCall(capsuleId, steps.requestId(), request, files, report,
                attempts, usage, status, new ArrayList<>(tiersUsed), steps.now(), repairedErrors));
        emit(Stage.DONE, null, attempts.size(), status.name());
        return capsule;
    }

    /**
     * Attempt 1 of a decomposed request: the strongest tier plans (one repair try), the tasks run wave by wave on the
     * routed tier, and their files, merged, stand in for the model's answer.
     */
    private ModelReply decomposed(Route route, Prompt prompt, Tier tier) {
        TaskPlan plan = plan(route.plannerTier(), prompt);
        List<List<PlannedTask>> waves = plan.waves();
        tasksTotal = plan.tasks().size();
        List<List<CapsuleFile>> outputs = new ArrayList<>();
        List<CapsuleFile> earlier = List.of();
        for (List<PlannedTask> wave : waves) {
            emit(Stage.GENERATE, tier, 1, "tasks " + wave.stream().map(PlannedTask::id).toList() + " of "
                    + tasksTotal + " on " + route.modelNames().get(tier));
            List<ModelCall> calls = new ArrayList<>();
            for (PlannedTask task : wave) {
                calls.add(new ModelCall(capsuleId, tier, List.of(Turn.system(prompt.system()),
                        Turn.user(PlanPrompts.task(prompt.user(), plan, task, earlier, request.language()))),
                        request.budgetUsd(), usage.costUsd(), 1));
            }
            List<ModelReply> replies = steps.generateAll(calls, route.maxParallelTasks());
            for (ModelReply reply : replies) {
                spend(reply.usage());
                outputs.add(reply.files());
            }
            tasksDone += wave.size();
            earlier = FileMerge.merge(outputs);
        }
        List<CapsuleFile> merged = FileMerge.merge(outputs);
        return new ModelReply(AnswerText.render(merged, request.language()),
                new TierUsage(tier, 0, 0, 0, java.math.BigDecimal.ZERO), merged,
                merged.isEmpty() ? "none of the " + tasksTotal + " tasks wrote a file" : null);
    }

    private TaskPlan plan(Tier planner, Prompt prompt) {
        String plannerSystem = prompt.plannerSystem() == null ? prompt.system() : prompt.plannerSystem();
        List<Turn> planning = new ArrayList<>(List.of(Turn.system(plannerSystem), Turn.user(prompt.user())));
        emit(Stage.GENERATE, planner, 1, "planning tasks on " + planner);
        PlanReply first = steps.plan(new ModelCall(capsuleId, planner, List.copyOf(planning), request.budgetUsd(),
                usage.costUsd(), 1));
        spend(first.usage());
        if (first.plan() != null) {
            return first.plan();
        }
        emit(Stage.GENERATE, planner, 1, "the plan could not be used (" + first.problem() + "); asking once more");
        planning.add(Turn.assistant(first.text()));
        planning.add(Turn.user(PlanPrompts.planRepair(String.valueOf(first.problem()))));
        PlanReply second = steps.plan(new ModelCall(capsuleId, planner, List.copyOf(planning), request.budgetUsd(),
                usage.costUsd(), 1));
        spend(second.usage());
        if (second.plan() != null) {
            return second.plan();
        }
        NonRetriableQlpException invalid = TaskPlan.invalid(String.valueOf(second.problemReason()),
                "the planner's answer could not be used, even after one repair try: " + second.problem(),
                Map.of("firstProblem", String.valueOf(first.problem())));
        throw invalid.withContext(new ErrorContext(planner, Stage.GENERATE, capsuleId));
    }

    private void spend(TierUsage spent) {
        usage = usage.plus(spent);
        tiersUsed.add(spent.tier());
    }

    private void emit(Stage stage, @Nullable Tier tier, int attempt, String message) {
        steps.progress(new RunProgress(capsuleId, stage, tier, attempt, message, steps.now(), tasksDone, tasksTotal));
    }
}
