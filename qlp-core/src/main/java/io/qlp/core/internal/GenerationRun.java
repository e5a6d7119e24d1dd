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
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.core.CompositeValidator;
import io.qlp.core.TierModel;
import io.qlp.core.answer.AnswerParser;
import io.qlp.core.json.Manifests;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    private final String capsuleId = UUID.randomUUID().toString();

    private final List<ChatMessage> conversation = new ArrayList<>();
    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final Set<Tier> tiersUsed = new LinkedHashSet<>();
    private Usage usage = Usage.none();

    /** A run of one request; {@link #execute()} runs it once. */
    public GenerationRun(CapsuleRequest request, Map<Tier, TierModel> tiers, TierRouter router, ModelCaller caller,
                         PromptBuilder prompts, AnswerParser parser, CompositeValidator validation,
                         MemoryAdvisor memory, CapsuleStore store, int maxAttempts, ProgressListener listener,
                         Clock clock) {
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
        conversation.add(UserMessage.from(prompts.request(request, memory.recall(request))));

        List<CapsuleFile> files = List.of();
        ValidationReport report = ValidationReport.empty();
        CapsuleStatus status = CapsuleStatus.FAILED_VALIDATION;
        int failuresOnTier = 0;
        QlpException lastParseError = null;

        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            checkBudget(tier);
            emit(Stage.GENERATE, tier, attempt, "calling " + tiers.get(tier).modelName());
            ModelCaller.Answer answer = caller.call(tier, tiers.get(tier), conversation,
                    ErrorContext.empty().withStage(Stage.GENERATE).withCapsuleId(capsuleId));
            usage = usage.plus(answer.usage());
            tiersUsed.add(tier);
            conversation.add(AiMessage.from(answer.text()));

            emit(Stage.PARSE, tier, attempt, "reading files");
            List<CapsuleFile> parsed;
            try {
                parsed = parser.parse(answer.text()).files();
            } catch (QlpException e) {
                if (e.errorCode() != ErrorCode.NO_FILES_IN_ANSWER) {
                    throw e.withContext(new ErrorContext(tier, Stage.PARSE, capsuleId));
                }
                lastParseError = e.withContext(new ErrorContext(tier, Stage.PARSE, capsuleId));
                attempts.add(new AttemptRecord(attempt, tier, false, 1, reason + "; answer had no files"));
                conversation.add(UserMessage.from(prompts.formatReminder()));
                continue;
            }
            lastParseError = null;
            if (parsed.equals(files)) {
                attempts.add(new AttemptRecord(attempt, tier, false, report.errors().size(),
                        reason + "; same files as the previous answer"));
                status = CapsuleStatus.NO_PROGRESS;
                emit(Stage.VALIDATE, tier, attempt, "the model returned the same files again; stopping");
                break;
            }
            files = parsed;

            emit(Stage.VALIDATE, tier, attempt, "validating " + files.size() + " files");
            report = validation.validate(new ValidationTarget(files, request.language()));
            attempts.add(new AttemptRecord(attempt, tier, report.passed(), report.errors().size(), reason));
            if (report.passed()) {
                status = CapsuleStatus.VALIDATED;
                emit(Stage.VALIDATE, tier, attempt, "validated");
                break;
            }
            emit(Stage.VALIDATE, tier, attempt, report.errors().size() + " errors");
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

    private void checkBudget(Tier tier) {
        BigDecimal budget = request.budgetUsd();
        if (budget != null && usage.costUsd().compareTo(budget) >= 0) {
            throw new NonRetriableQlpException(ErrorCode.BUDGET_EXCEEDED, "budget of " + budget.toPlainString()
                    + " USD is spent (" + usage.costUsd().toPlainString() + " USD)",
                    new ErrorContext(tier, Stage.GENERATE, capsuleId),
                    Map.of("budgetUsd", budget.toPlainString(), "spentUsd", usage.costUsd().toPlainString()), null);
        }
    }

    private Capsule finish(List<CapsuleFile> files, ValidationReport report, CapsuleStatus status) {
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, clock.instant(), List.of(request.language()),
                Manifests.hashes(files), new ArrayList<>(tiersUsed), GeneratorVersion.current());
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
            memory.remember(capsule);
        }
        emit(Stage.DONE, null, attempts.size(), status.name());
        return capsule;
    }

    private void emit(Stage stage, @Nullable Tier tier, int attempt, String message) {
        try {
            listener.onProgress(new ProgressEvent(capsuleId, stage, tier, attempt, message, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on {}: {}", stage, e.toString());
        }
    }
}
