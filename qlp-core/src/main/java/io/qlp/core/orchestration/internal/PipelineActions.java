package io.qlp.core.orchestration.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Manifest;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.ValidationReport;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.core.CompositeValidator;
import io.qlp.core.TierModel;
import io.qlp.core.answer.AnswerParser;
import io.qlp.core.decompose.Decomposition;
import io.qlp.core.decompose.TaskPlan;
import io.qlp.core.decompose.internal.PlanPrompts;
import io.qlp.core.internal.GeneratorVersion;
import io.qlp.core.internal.MemoryAdvisor;
import io.qlp.core.internal.ModelCaller;
import io.qlp.core.internal.PromptBuilder;
import io.qlp.core.json.Manifests;
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
import io.qlp.core.orchestration.Turn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's steps, one method each, built from a generator's pieces. The Temporal activities and the in-process
 * decomposed run both call these, so both do exactly what {@link io.qlp.core.internal.GenerationRun} does per step.
 * Thread-safe when the pieces are.
 */
public final class PipelineActions {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineActions.class);

    private final Map<Tier, TierModel> tiers;
    private final TierRouter router;
    private final CompositeValidator validation;
    private final MemoryAdvisor memory;
    private final CapsuleStore store;
    private final int maxAttempts;
    private final Decomposition decomposition;
    private final ModelCaller caller;
    private final PromptBuilder prompts = new PromptBuilder();
    private final AnswerParser parser = new AnswerParser();

    /** Steps over these pieces. */
    public PipelineActions(Map<Tier, TierModel> tiers, TierRouter router, CompositeValidator validation,
                           MemoryAdvisor memory, CapsuleStore store, int maxAttempts, Decomposition decomposition,
                           ModelCaller caller) {
        this.tiers = Collections.unmodifiableMap(new EnumMap<>(tiers));
        this.router = router;
        this.validation = validation;
        this.memory = memory;
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.decomposition = decomposition;
        this.caller = caller;
    }

    /** The store capsules are saved into. */
    public CapsuleStore store() {
        return store;
    }

    /** The decomposition settings. */
    public Decomposition decomposition() {
        return decomposition;
    }

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#route}. */
    public Route route(RouteCall call) {
        CapsuleRequest request = call.request();
        validation.requireSupport(request.language());
        RoutingDecision decision = initialRoute(request);
        Map<Tier, String> names = new EnumMap<>(Tier.class);
        tiers.forEach((tier, model) -> names.put(tier, model.modelName()));
        Tier strongest = Collections.max(tiers.keySet());
        return new Route(decision.tier(), decision.reason(), names, maxAttempts,
                decomposition.appliesTo(request), strongest, decomposition.maxParallelTasks());
    }

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#prompt}. */
    public Prompt prompt(PromptCall call) {
        CapsuleRequest request = call.request();
        MemoryAdvisor.Recall recalled = memory.recall(request);
        return new Prompt(prompts.system(request.language()), prompts.request(request, recalled.texts()),
                prompts.formatReminder(), recalled.ids(),
                call.decompose() ? PlanPrompts.plannerSystem(request.language(), decomposition.maxTasks()) : null);
    }

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#plan}. */
    public PlanReply plan(ModelCall call) {
        ModelCaller.Answer answer = call(call);
        try {
            TaskPlan plan = TaskPlan.parse(answer.text()).requireAtMost(decomposition.maxTasks());
            return new PlanReply(answer.text(), answer.usage(), plan, null, null);
        } catch (QlpException e) {
            if (e.errorCode() != ErrorCode.PLAN_INVALID) {
                throw e;
            }
            return new PlanReply(answer.text(), answer.usage(), null, String.valueOf(e.details().get("reason")),
                    e.rawMessage());
        }
    }

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#generate}. */
    public ModelReply generate(ModelCall call) {
        ModelCaller.Answer answer = call(call);
        try {
            return new ModelReply(answer.text(), answer.usage(), parser.parse(answer.text()).files(), null);
        } catch (QlpException e) {
            if (e.errorCode() != ErrorCode.NO_FILES_IN_ANSWER) {
                throw e.withContext(new ErrorContext(call.tier(), Stage.PARSE, call.capsuleId()));
            }
            return new ModelReply(answer.text(), answer.usage(), List.of(), e.rawMessage());
        }
    }

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#validate}. */
    public ValidationReport validate(ValidateCall call) {
        try {
            return validation.validate(new ValidationTarget(call.files(), call.language()));
        } catch (QlpException e) {
            throw e.withContext(new ErrorContext(null, Stage.VALIDATE, call.capsuleId()));
        }
    }

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#repair}. */
    public Repair repair(RepairCall call) {
        RoutingDecision next = nextRoute(call.request(), call.current(), call.failuresOnTier());
        return new Repair(next.tier(), next.reason(), prompts.repair(call.report()));
    }

    /** See {@link io.qlp.core.orchestration.CapsuleActivities#store}. */
    public Capsule store(StoreCall call) {
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, call.createdAt(), List.of(call.request().language()),
                Manifests.hashes(call.files()), call.tiersUsed(), GeneratorVersion.current());
        Capsule capsule = Capsule.builder().id(call.capsuleId()).request(call.request()).files(call.files())
                .manifest(manifest).validation(call.report()).attempts(call.attempts()).usage(call.usage())
                .status(call.status()).build();
        try {
            store.save(capsule, VersionMetadata.saved().withRequestId(call.requestId()));
        } catch (QlpException e) {
            throw e.withContext(new ErrorContext(null, Stage.STORE, call.capsuleId()));
        } catch (RuntimeException e) {
            throw new RetriableQlpException(ErrorCode.STORE_FAILURE, "could not store capsule: " + e,
                    new ErrorContext(null, Stage.STORE, call.capsuleId()), Map.of(), e);
        }
        if (call.status() == CapsuleStatus.VALIDATED) {
            memory.remember(capsule, call.repairedErrors());
        }
        tellRouter(capsule);
        return capsule;
    }

    private ModelCaller.Answer call(ModelCall call) {
        TierModel model = tiers.get(call.tier());
        if (model == null) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "tier " + call.tier()
                    + " is not configured on this worker; configured: " + tiers.keySet(),
                    new ErrorContext(call.tier(), Stage.GENERATE, call.capsuleId()), Map.of("tier", call.tier().name()),
                    null);
        }
        checkBudget(call, model);
        return caller.call(call.tier(), model, messages(call.conversation()),
                ErrorContext.empty().withStage(Stage.GENERATE).withCapsuleId(call.capsuleId()));
    }

    /** The same estimate as the in-process run: the prompt at four characters per token, before the call. */
    private static void checkBudget(ModelCall call, TierModel model) {
        BigDecimal budget = call.budgetUsd();
        if (budget == null) {
            return;
        }
        long promptChars = call.conversation().stream().mapToLong(turn -> turn.text().length()).sum();
        BigDecimal estimate = model.pricing().cost((promptChars + 3) / 4, 0);
        BigDecimal spent = call.spentUsd();
        if (spent.add(estimate).compareTo(budget) > 0) {
            throw new NonRetriableQlpException(ErrorCode.BUDGET_EXCEEDED, "budget of " + budget.toPlainString()
                    + " USD cannot pay for the next call on " + call.tier() + " (spent " + spent.toPlainString()
                    + " USD, the prompt alone is estimated at " + estimate.toPlainString() + " USD)",
                    new ErrorContext(call.tier(), Stage.GENERATE, call.capsuleId()),
                    Map.of("budgetUsd", budget.toPlainString(), "spentUsd", spent.toPlainString(),
                            "estimatedCallUsd", estimate.toPlainString()), null);
        }
    }

    static List<ChatMessage> messages(List<Turn> conversation) {
        List<ChatMessage> messages = new ArrayList<>(conversation.size());
        for (Turn turn : conversation) {
            messages.add(switch (turn.role()) {
                case SYSTEM -> SystemMessage.from(turn.text());
                case USER -> UserMessage.from(turn.text());
                case ASSISTANT -> AiMessage.from(turn.text());
            });
        }
        return messages;
    }

    private RoutingDecision initialRoute(CapsuleRequest request) {
        Set<Tier> available = tiers.keySet();
        if (request.tierOverride() != null) {
            Tier wanted = request.tierOverride();
            Tier actual = wanted.nearestOf(available);
            return new RoutingDecision(actual, actual == wanted
                    ? "override " + wanted : "override " + wanted + ", nearest configured " + actual);
        }
        return checked(router.route(request, available));
    }

    private RoutingDecision nextRoute(CapsuleRequest request, Tier current, int failuresOnTier) {
        if (request.tierOverride() != null) {
            return new RoutingDecision(current, "override " + request.tierOverride());
        }
        return checked(router.afterFailure(request, current, failuresOnTier, tiers.keySet()));
    }

    private RoutingDecision checked(RoutingDecision decision) {
        if (tiers.containsKey(decision.tier())) {
            return decision;
        }
        Tier nearest = decision.tier().nearestOf(tiers.keySet());
        LOG.warn("router chose unconfigured tier {}; using {}", decision.tier(), nearest);
        return new RoutingDecision(nearest, decision.reason() + ", nearest configured " + nearest);
    }

    private void tellRouter(Capsule capsule) {
        Map<Tier, Integer> attemptsByTier = new EnumMap<>(Tier.class);
        capsule.attempts().forEach(a -> attemptsByTier.merge(a.tier(), 1, Integer::sum));
        Tier validatedOn = capsule.status() == CapsuleStatus.VALIDATED && !capsule.attempts().isEmpty()
                ? capsule.attempts().get(capsule.attempts().size() - 1).tier() : null;
        List<RoutingOutcome> outcomes = new ArrayList<>();
        for (TierUsage used : capsule.usage().perTier()) {
            outcomes.add(new RoutingOutcome(used.tier(), used.tier() == validatedOn,
                    Math.max(1, attemptsByTier.getOrDefault(used.tier(), 0)), used.costUsd()));
        }
        try {
            router.recordOutcome(capsule.request(), outcomes);
        } catch (RuntimeException e) {
            LOG.warn("router failed to record the outcome of {}: {}", capsule.id(), e.toString());
        }
    }
}
