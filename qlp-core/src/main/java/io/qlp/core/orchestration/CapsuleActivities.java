package io.qlp.core.orchestration;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import io.qlp.core.decompose.TaskPlan;
import io.temporal.activity.ActivityInterface;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The steps of the capsule pipeline as Temporal activities. Each one does one thing the in-process pipeline does,
 * with the same pieces ({@code TierRouter}, {@code PromptBuilder}, the tier's {@code ChatModel}, {@code AnswerParser},
 * {@code CompositeValidator}, {@code CapsuleStore}, memory), built on the worker from the same settings. Activity
 * type names are the method names, capitalised: {@code Route}, {@code Prompt}, {@code Plan}, {@code Generate},
 * {@code Validate}, {@code Repair}, {@code Store}.
 *
 * <p>Errors are application failures whose type is the {@link io.qlp.api.ErrorCode} name and whose detail is a
 * {@link FailureDetails}; errors that are not retriable are marked non-retryable.
 *
 * <p>Example: {@code worker.registerActivitiesImplementations(activities)} is done by {@link TemporalCapsuleWorker}.
 */
@ActivityInterface
public interface CapsuleActivities {

    /** Checks that the language can be validated, picks the first tier, and says whether to decompose. */
    Route route(RouteCall call);

    /** The system and request prompts, with remembered examples. */
    Prompt prompt(PromptCall call);

    /** Asks the planner tier for a task plan and reads it; a plan that cannot be used comes back as a problem. */
    PlanReply plan(ModelCall call);

    /** Calls the tier's model on the conversation (after a budget check) and reads the files of its answer. */
    ModelReply generate(ModelCall call);

    /** Validates the files, heartbeating while the validators run. */
    ValidationReport validate(ValidateCall call);

    /** Picks the tier of the next attempt and writes the repair prompt. */
    Repair repair(RepairCall call);

    /** Builds the capsule with its manifest, stores it once per request id, remembers it and tells the router. */
    Capsule store(StoreCall call);

    /**
     * Input of {@link #route}.
     *
     * @param capsuleId the capsule being generated
     * @param request the request
     */
    record RouteCall(String capsuleId, CapsuleRequest request) {
    }

    /**
     * The first tier, the worker's loop settings, and the plan settings when decomposed.
     *
     * @param tier the tier of the first attempt
     * @param reason why, for attempt records
     * @param modelNames configured tiers and their model names
     * @param maxAttempts most generate-validate rounds
     * @param decompose whether to plan tasks first
     * @param plannerTier the tier that plans: the strongest configured
     * @param maxParallelTasks most tasks at once
     */
    record Route(Tier tier, String reason, Map<Tier, String> modelNames, int maxAttempts, boolean decompose,
                 Tier plannerTier, int maxParallelTasks) {
    }

    /**
     * Input of {@link #prompt}.
     *
     * @param capsuleId the capsule being generated
     * @param request the request
     * @param decompose whether the planner's system prompt is needed too
     */
    record PromptCall(String capsuleId, CapsuleRequest request, boolean decompose) {
    }

    /**
     * The prompts of a run.
     *
     * @param system the system prompt for the language
     * @param user the request prompt, with remembered examples
     * @param formatReminder what to send after an answer without files
     * @param memoryIds the memories used
     * @param plannerSystem the planner's system prompt, when decomposed
     */
    record Prompt(String system, String user, String formatReminder, List<String> memoryIds,
                  @Nullable String plannerSystem) {
    }

    /**
     * One model call.
     *
     * @param capsuleId the capsule being generated
     * @param tier whose model to call
     * @param conversation the messages so far
     * @param budgetUsd the request's budget, if any
     * @param spentUsd what the run has spent so far
     * @param attempt the attempt this call belongs to
     */
    record ModelCall(String capsuleId, Tier tier, List<Turn> conversation, @Nullable BigDecimal budgetUsd,
                     BigDecimal spentUsd, int attempt) {
    }

    /**
     * A model's answer and its files.
     *
     * @param text the answer
     * @param usage what the call cost
     * @param files the files read from it; empty when it had none
     * @param noFilesMessage why no file could be read, when none could
     */
    record ModelReply(String text, TierUsage usage, List<CapsuleFile> files, @Nullable String noFilesMessage) {
    }

    /**
     * A planner's answer.
     *
     * @param text the answer
     * @param usage what the call cost
     * @param plan the plan, when it can be used
     * @param problemReason why it cannot, as the {@code reason} detail of {@link io.qlp.api.ErrorCode#PLAN_INVALID}
     * @param problem why it cannot, in words
     */
    record PlanReply(String text, TierUsage usage, @Nullable TaskPlan plan, @Nullable String problemReason,
                     @Nullable String problem) {
    }

    /**
     * Input of {@link #validate}.
     *
     * @param capsuleId the capsule being generated
     * @param files the files
     * @param language their language
     */
    record ValidateCall(String capsuleId, List<CapsuleFile> files, Language language) {
    }

    /**
     * Input of {@link #repair}.
     *
     * @param capsuleId the capsule being generated
     * @param request the request
     * @param current the tier of the failed attempt
     * @param failuresOnTier failed attempts on it so far
     * @param report the failed attempt's report
     */
    record RepairCall(String capsuleId, CapsuleRequest request, Tier current, int failuresOnTier,
                      ValidationReport report) {
    }

    /**
     * The next attempt's tier and prompt.
     *
     * @param tier the tier of the next attempt
     * @param reason why
     * @param prompt the repair prompt quoting the errors
     */
    record Repair(Tier tier, String reason, String prompt) {
    }

    /**
     * Input of {@link #store}.
     *
     * @param capsuleId the capsule's id
     * @param requestId stores once per id, such as the workflow id; none for an in-process run
     * @param request the request
     * @param files the final files
     * @param report the last report
     * @param attempts the attempt records
     * @param usage the usage
     * @param status how the run ended
     * @param tiersUsed tiers called, in first-use order
     * @param createdAt the manifest's creation time, fixed by the caller so a retried store writes the same capsule
     * @param repairedErrors errors repair rounds fixed, for memory
     */
    record StoreCall(String capsuleId, @Nullable String requestId, CapsuleRequest request, List<CapsuleFile> files,
                     ValidationReport report, List<AttemptRecord> attempts, Usage usage, CapsuleStatus status,
                     List<Tier> tiersUsed, Instant createdAt, List<Finding> repairedErrors) {
    }

    /**
     * The detail of an activity or workflow failure: enough to raise the same {@link io.qlp.api.QlpException} again.
     *
     * @param code the {@link io.qlp.api.ErrorCode} name
     * @param message the message without code and context
     * @param retriable whether the error may go away on a retry
     * @param tier the context's tier, if any
     * @param stage the context's stage name, if any
     * @param capsuleId the context's capsule id, if any
     * @param details the error's details, as text
     */
    record FailureDetails(String code, String message, boolean retriable, @Nullable Tier tier, @Nullable String stage,
                          @Nullable String capsuleId, Map<String, String> details) {
    }
}
