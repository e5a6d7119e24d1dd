package io.qlp.core.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Manifest;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.ProgressEvent;
import io.qlp.api.ProgressListener;
import io.qlp.api.QlpException;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.core.BudgetLedger;
import io.qlp.core.CompositeValidator;
import io.qlp.core.GenerationStrategy;
import io.qlp.core.TierModel;
import io.qlp.core.answer.AnswerParser;
import io.qlp.core.json.Manifests;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request's way through the pipeline: route, prompt, generate, parse, validate, repair, store. */
public final class GenerationRun {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationRun.class);

    private final CapsuleRequest request;
    private final Map<Tier, TierModel> tiers;
    private final TierRouter router;
    private final ModelCaller caller;
    private final PromptBuilder prompts;
    private final AnswerParser parser;
    private final CompositeValidator validation;
    private final MemoryAdvisor memory;
    private final CapsuleStore store;
    private final int maxAttempts;
    private final ProgressListener listener;
    private final Clock clock;
    private final CallPolicy policy;
    private final String capsuleId = CapsuleIds.next();

    private final List<ChatMessage> conversation = new ArrayList<>();
    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final Set<Tier> tiersUsed = new LinkedHashSet<>();
    private final List<String> memoriesUsed = new ArrayList<>();
    private final List<io.qlp.api.Finding> repairedErrors = new ArrayList<>();
    private Usage usage = Usage.none();
    /** Reports of answers a strategy already had validated, so the picked one is not validated twice. */
    private final Map<List<CapsuleFile>, ValidationReport> checked = new java.util.HashMap<>();

    /** A run of one request; {@link #execute()} runs it once. */
    public GenerationRun(CapsuleRequest request, Map<Tier, TierModel> tiers, TierRouter router, ModelCaller caller,
                         PromptBuilder prompts, AnswerParser parser, CompositeValidator validation,
                         MemoryAdvisor memory, CapsuleStore store, int maxAttempts, ProgressListener listener,
                         Clock clock) {
        this(request, tiers, router, caller, prompts, parser, validation, memory, store, maxAttempts, listener, clock,
                CallPolicy.defaults());
    }

    /** A run of one request with its strategy and budgets; {@link #execute()} runs it once. */
    public GenerationRun(CapsuleRequest request, Map<Tier, TierModel> tiers, TierRouter router, ModelCaller caller,
                         PromptBuilder prompts, AnswerParser parser, CompositeValidator validation,
                         MemoryAdvisor memory, CapsuleStore store, int maxAttempts, ProgressListener listener,
                         Clock clock, CallPolicy policy) {
        this.policy = policy;
        this.request = request;
        this.tiers = tiers;
        this.router = router;
        this.caller = caller;
        this.prompts = prompts;
        this.parser = parser;
        this.validation = validation;
        this.memory = memory;
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.listener = listener;
        this.clock = clock;
    }

    /** The id the capsule will have, known before any model call. */
    public String capsuleId() {
        return capsuleId;
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
        validation.requireSupport(request.language());
        emit(Stage.ROUTE, null, 0, "routing");
        RoutingDecision decision = initialRoute();
        Tier tier = decision.tier();
        String reason = decision.reason();
        emit(Stage.ROUTE, tier, 0, reason);

        emit(Stage.PROMPT, tier, 0, "building prompt");
        conversation.add(SystemMessage.from(prompts.system(request.language())));
        MemoryAdvisor.Recall recalled = memory.recall(request);
        memoriesUsed.addAll(recalled.ids());
        if (!recalled.ids().isEmpty()) {
            emit(Stage.PROMPT, tier, 0, "using " + recalled.ids().size() + " memories: " + recalled.ids());
        }
        conversation.add(UserMessage.from(prompts.request(request, recalled.texts())));

        List<CapsuleFile> files = List.of();
        ValidationReport report = ValidationReport.empty();
        CapsuleStatus status = CapsuleStatus.FAILED_VALIDATION;
        int failuresOnTier = 0;
        QlpException lastParseError = null;

        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            GenerationStrategy.Pick pick = policy.strategy().answer(tier, List.copyOf(conversation),
                    new AttemptCalls(attempt));
            if (!pick.note().isEmpty()) {
                reason = reason + "; " + pick.note();
            }
            if (pick.tier().compareTo(tier) > 0) {
                // A fallback: the routed tier's provider is down, so later attempts start from the tier that answered.
                tier = pick.tier();
                failuresOnTier = 0;
            }
            Tier answered = pick.tier();
            conversation.add(AiMessage.from(pick.text()));

            emit(Stage.PARSE, answered, attempt, "reading files");
            List<CapsuleFile> parsed;
            try {
                parsed = parser.parse(pick.text()).files();
            } catch (QlpException e) {
                if (e.errorCode() != ErrorCode.NO_FILES_IN_ANSWER) {
                    throw e.withContext(new ErrorContext(answered, Stage.PARSE, capsuleId));
                }
                lastParseError = e.withContext(new ErrorContext(answered, Stage.PARSE, capsuleId));
                attempts.add(new AttemptRecord(attempt, answered, false, 1, reason + "; answer had no files"));
                conversation.add(UserMessage.from(prompts.formatReminder()));
                continue;
            }
            lastParseError = null;
            if (parsed.equals(files)) {
                // The same files fail the same way, so the previous report's errors are this attempt's too.
                attempts.add(new AttemptRecord(attempt, answered, false, report.errors().size(),
                        reason + "; same files as the previous answer", report.errors()));
                status = CapsuleStatus.NO_PROGRESS;
                emit(Stage.VALIDATE, answered, attempt, "the model returned the same files again; stopping");
                break;
            }
            files = parsed;

            emit(Stage.VALIDATE, answered, attempt, "validating " + files.size() + " files");
            report = validated(files);
            attempts.add(new AttemptRecord(attempt, answered, report.passed(), report.errors().size(), reason,
                    report.errors()));
            if (report.passed()) {
                status = CapsuleStatus.VALIDATED;
                emit(Stage.VALIDATE, answered, attempt, "validated");
                break;
            }
            emit(Stage.VALIDATE, answered, attempt, report.errors().size() + " errors");
            if (attempt == maxAttempts) {
                break;
            }
            failuresOnTier++;
            RoutingDecision next = nextRoute(tier, failuresOnTier);
            if (next.tier() != tier) {
                failuresOnTier = 0;
            }
            tier = next.tier();
            reason = next.reason();
            emit(Stage.REPAIR, tier, attempt, "asking for a repair of " + report.errors().size() + " errors");
            repairedErrors.addAll(report.errors());
            conversation.add(UserMessage.from(prompts.repair(report)));
        }
        if (lastParseError != null) {
            throw lastParseError;
        }
        return finish(files, report, status);
    }

    private RoutingDecision initialRoute() {
        Set<Tier> available = tiers.keySet();
        if (request.tierOverride() != null) {
            Tier wanted = request.tierOverride();
            Tier actual = wanted.nearestOf(available);
            return new RoutingDecision(actual, actual == wanted
                    ? "override " + wanted : "override " + wanted + ", nearest configured " + actual);
        }
        return checked(router.route(request, available));
    }

    private RoutingDecision nextRoute(Tier current, int failuresOnTier) {
        if (request.tierOverride() != null) {
            return new RoutingDecision(current, "override " + request.tierOverride());
        }
        return checked(router.afterFailure(request, current, failuresOnTier, tiers.keySet()));
    }

    /** A router that returns an unconfigured tier is a bug in the router, but the user still gets a capsule. */
    private RoutingDecision checked(RoutingDecision decision) {
        if (tiers.containsKey(decision.tier())) {
            return decision;
        }
        Tier nearest = decision.tier().nearestOf(tiers.keySet());
        LOG.warn("router chose unconfigured tier {}; using {}", decision.tier(), nearest);
        return new RoutingDecision(nearest, decision.reason() + ", nearest configured " + nearest);
    }

    /**
     * Refuses a call the budget cannot pay for. The prompt's tokens are estimated at four characters each before
     * the call; the answer's tokens are only known afterwards, so a run may overshoot by at most one answer.
     */
    private void checkBudget(Tier tier, List<ChatMessage> messages) {
        BigDecimal budget = policy.budgetOf(request);
        BudgetLedger ledger = policy.ledger();
        if (budget == null && ledger == null) {
            return;
        }
        long promptChars = 0;
        for (ChatMessage message : messages) {
            promptChars += messageText(message).length();
        }
        BigDecimal estimate = tiers.get(tier).pricing().cost((promptChars + 3) / 4, 0);
        BigDecimal spent = usage.costUsd();
        if (ledger != null) {
            checkDailyBudget(ledger, tier, estimate);
        }
        if (budget != null && spent.add(estimate).compareTo(budget) > 0) {
            throw new NonRetriableQlpException(ErrorCode.BUDGET_EXCEEDED, "budget of " + budget.toPlainString()
                    + " USD cannot pay for the next call on " + tier + " (spent " + spent.toPlainString()
                    + " USD, the prompt alone is estimated at " + estimate.toPlainString() + " USD)",
                    new ErrorContext(tier, Stage.GENERATE, capsuleId),
                    Map.of("budgetUsd", budget.toPlainString(), "spentUsd", spent.toPlainString(),
                            "estimatedCallUsd", estimate.toPlainString(), "calls", usage.totalCalls()), null);
        }
    }

    /** Refuses a call that would take the request's budget key past its daily limit. */
    private void checkDailyBudget(BudgetLedger ledger, Tier tier, BigDecimal estimate) {
        String key = policy.budgetKey().apply(request);
        BigDecimal limit = ledger.dailyLimitUsd(key);
        BigDecimal spentToday = ledger.spentToday(key);
        if (spentToday.add(estimate).compareTo(limit) > 0) {
            throw new NonRetriableQlpException(ErrorCode.BUDGET_EXCEEDED, "daily budget of " + limit.toPlainString()
                    + " USD for key '" + key + "' cannot pay for the next call on " + tier + " (spent today "
                    + spentToday.toPlainString() + " USD, this request " + usage.costUsd().toPlainString()
                    + " USD, the prompt alone is estimated at " + estimate.toPlainString() + " USD)",
                    new ErrorContext(tier, Stage.GENERATE, capsuleId),
                    Map.of("budgetKey", key, "dailyBudgetUsd", limit.toPlainString(),
                            "spentTodayUsd", spentToday.toPlainString(), "spentUsd", usage.costUsd().toPlainString(),
                            "estimatedCallUsd", estimate.toPlainString(), "calls", usage.totalCalls()), null);
        }
    }

    private ValidationReport validated(List<CapsuleFile> files) {
        ValidationReport known = checked.get(files);
        return known != null ? known : validation.validate(new ValidationTarget(files, request.language()));
    }

    /** The next configured tier up, when {@code failure} says the provider is down and fallback is on. */
    private Optional<Tier> fallbackFrom(Tier current, QlpException failure) {
        if (!caller.resilience().fallbackToNextTier() || !ModelCaller.providerDown(failure)) {
            return Optional.empty();
        }
        return tiers.keySet().stream().filter(t -> t.compareTo(current) > 0).min(Tier::compareTo);
    }

    /** The calls one attempt's strategy makes: budget-checked, resilient, with fallback, usage recorded per tier. */
    private final class AttemptCalls implements GenerationStrategy.Calls {
        private final int attempt;

        private AttemptCalls(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public Set<Tier> tiers() {
            return tiers.keySet();
        }

        @Override
        public GenerationStrategy.Reply call(Tier wanted, List<ChatMessage> messages) {
            if (!tiers.containsKey(wanted)) {
                throw new IllegalArgumentException("tier " + wanted + " is not configured; configured: "
                        + tiers.keySet());
            }
            Tier current = wanted;
            StringBuilder note = new StringBuilder();
            while (true) {
                checkBudget(current, messages);
                TierModel model = tiers.get(current);
                emit(Stage.GENERATE, current, attempt, "calling " + model.modelName());
                try {
                    ModelCaller.Answer answer = caller.call(current, model, messages,
                            ErrorContext.empty().withStage(Stage.GENERATE).withCapsuleId(capsuleId));
                    usage = usage.plus(answer.usage());
                    tiersUsed.add(current);
                    if (policy.ledger() != null) {
                        policy.ledger().record(policy.budgetKey().apply(request), answer.usage().costUsd());
                    }
                    return new GenerationStrategy.Reply(current, answer.text(), note.toString());
                } catch (QlpException e) {
                    Optional<Tier> up = fallbackFrom(current, e);
                    if (up.isEmpty()) {
                        throw e;
                    }
                    String step = "fallback " + current + "→" + up.get() + ": " + ModelCaller.providerOf(model) + " "
                            + model.modelName() + " " + e.errorCode().code()
                            + ("open".equals(e.details().get("circuit")) ? " (circuit open)" : "");
                    LOG.warn("{}: {}", step, e.getMessage());
                    emit(Stage.GENERATE, current, attempt, step);
                    note.append(note.length() == 0 ? "" : "; ").append(step);
                    current = up.get();
                }
            }
        }

        @Override
        public GenerationStrategy.Verdict check(String answer) {
            List<CapsuleFile> files;
            try {
                files = parser.parse(answer).files();
            } catch (QlpException e) {
                return new GenerationStrategy.Verdict(false, false, 0);
            }
            ValidationReport report = validated(files);
            checked.put(files, report);
            return new GenerationStrategy.Verdict(true, report.passed(), report.errors().size());
        }
    }

    private static String messageText(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof UserMessage user) {
            return user.hasSingleText() ? user.singleText() : user.contents().toString();
        }
        if (message instanceof AiMessage ai) {
            return ai.text() == null ? "" : ai.text();
        }
        return message.toString();
    }

    private Capsule finish(List<CapsuleFile> files, ValidationReport report, CapsuleStatus status) {
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, clock.instant(), List.of(request.language()),
                Manifests.hashes(files), new ArrayList<>(tiersUsed), GeneratorVersion.current(), memoriesUsed);
        Capsule capsule = Capsule.builder().id(capsuleId).request(request).files(files).manifest(manifest)
                .validation(report).attempts(attempts).usage(usage).status(status).build();
        emit(Stage.STORE, null, attempts.size(), "storing");
        try {
            store.save(capsule);
        } catch (QlpException e) {
            throw e.withContext(new ErrorContext(null, Stage.STORE, capsuleId));
        } catch (RuntimeException e) {
            throw new io.qlp.api.RetriableQlpException(ErrorCode.STORE_FAILURE, "could not store capsule: " + e,
                    new ErrorContext(null, Stage.STORE, capsuleId), Map.of(), e);
        }
        if (status == CapsuleStatus.VALIDATED) {
            memory.remember(capsule, repairedErrors);
        }
        tellRouter(capsule);
        emit(Stage.DONE, null, attempts.size(), status.name());
        return capsule;
    }

    /** One outcome per tier used: its attempts, its cost, and whether the capsule validated on it. */
    private void tellRouter(Capsule capsule) {
        Map<Tier, Integer> attemptsByTier = new java.util.EnumMap<>(Tier.class);
        capsule.attempts().forEach(a -> attemptsByTier.merge(a.tier(), 1, Integer::sum));
        Tier validatedOn = capsule.status() == CapsuleStatus.VALIDATED && !capsule.attempts().isEmpty()
                ? capsule.attempts().get(capsule.attempts().size() - 1).tier() : null;
        List<RoutingOutcome> outcomes = new ArrayList<>();
        for (io.qlp.api.TierUsage used : capsule.usage().perTier()) {
            outcomes.add(new RoutingOutcome(used.tier(), used.tier() == validatedOn,
                    Math.max(1, attemptsByTier.getOrDefault(used.tier(), 0)), used.costUsd()));
        }
        try {
            router.recordOutcome(request, outcomes);
        } catch (RuntimeException e) {
            LOG.warn("router failed to record the outcome of {}: {}", capsuleId, e.toString());
        }
    }

    private void emit(Stage stage, @Nullable Tier tier, int attempt, String message) {
        try {
            listener.onProgress(new ProgressEvent(capsuleId, stage, tier, attempt, message, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on {}: {}", stage, e.toString());
        }
    }
}
