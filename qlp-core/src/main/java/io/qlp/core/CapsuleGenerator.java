package io.qlp.core;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.ProgressListener;
import io.qlp.api.Tier;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.Validator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qlp.core.answer.AnswerParser;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.SemanticCache;
import io.qlp.core.cache.internal.GenerationCache;
import io.qlp.core.config.ValidationSettings;
import io.qlp.core.internal.CallPolicy;
import io.qlp.core.internal.CapsuleIds;
import io.qlp.core.internal.GenerationRun;
import io.qlp.core.internal.MemoryAdvisor;
import io.qlp.core.internal.ModelCaller;
import io.qlp.core.internal.PromptBuilder;
import io.qlp.core.resilience.CallResilience;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.routing.ComplexityRouter;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link CapsuleRequest} into a validated {@link Capsule}: route, prompt, call the tier's model, parse the
 * files, validate, repair from the findings up to {@code maxAttempts}, store. Thread-safe; build one and share it.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleGenerator generator = CapsuleGenerator.builder()
 *     .tier(Tier.T0, chatModel)
 *     .maxAttempts(3)
 *     .listener(event -> System.err.println(event.stage() + ": " + event.message()))
 *     .build();
 * Capsule capsule = generator.generate(CapsuleRequest.builder()
 *     .description("A Java class that parses ISO-8601 durations, with tests")
 *     .build());
 * }</pre>
 *
 * <p>Defaults: the complexity router of {@code qlp-routing}, every validator found through
 * {@link ServiceProviders} ({@code qlp-validation} brings Java, Python, JavaScript and security; see
 * {@link Builder#validation}), an in-memory capsule store, no memory, no cache,
 * three attempts.
 */
public final class CapsuleGenerator {

    /** Default number of generate-validate rounds. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final Map<Tier, TierModel> tiers;
    private final TierRouter router;
    private final CompositeValidator validation;
    private final MemoryAdvisor memory;
    private final CapsuleStore store;
    private final GenerationCache cache;
    private final int maxAttempts;
    private final ProgressListener listener;
    private final Executor executor;
    private final Clock clock;
    private final ModelCaller caller;
    private final CallPolicy policy;
    private final io.qlp.core.decompose.Decomposition decomposition;
    private final AnswerParser parser = new AnswerParser();
    private final PromptBuilder prompts = new PromptBuilder();

    private CapsuleGenerator(Builder builder) {
        this.tiers = Collections.unmodifiableMap(new EnumMap<>(builder.tiers));
        this.router = builder.router != null ? builder.router : ComplexityRouter.create();
        this.validation = builder.validators != null
                ? CompositeValidator.of(builder.validators) : CompositeValidator.discover(builder.validation);
        this.memory = builder.memoryStore != null && builder.embeddingModel != null
                ? MemoryAdvisor.using(builder.memoryStore, builder.embeddingModel) : MemoryAdvisor.disabled();
        this.store = builder.store != null ? builder.store : new InMemoryCapsuleStore();
        this.cache = new GenerationCache(builder.exactCache, builder.semanticCache, validation, store,
                tiers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().modelName()).toList(),
                PromptBuilder.PROMPT_VERSION, version(),
                builder.meterRegistry != null ? builder.meterRegistry : new SimpleMeterRegistry(), builder.clock);
        this.maxAttempts = builder.maxAttempts;
        this.listener = builder.listener;
        this.executor = builder.executor != null ? builder.executor : DefaultExecutor.POOL;
        this.clock = builder.clock;
        this.caller = new ModelCaller(builder.resilience != null ? builder.resilience : CallResilience.defaults());
        this.decomposition = builder.decomposition;
        this.policy = new CallPolicy(builder.strategy != null ? builder.strategy : GenerationStrategy.singleModel(),
                builder.maxBudgetUsdPerRequest, builder.budgetLedger,
                builder.budgetKey != null ? builder.budgetKey : CallPolicy::metadataKey);
    }

    /** This library's version, as written into manifests, such as {@code qlp-java/0.1.0}. */
    public static String version() {
        return io.qlp.core.internal.GeneratorVersion.current();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates, validates and stores a capsule. Validation failures are not exceptions: the capsule's
     * {@link Capsule#status()} says how it ended.
     *
     * @throws io.qlp.api.QlpException for invalid input, unsafe paths, answers with no files, model errors that
     *     outlast the model's retries, and store failures, each with its {@link io.qlp.api.ErrorCode}
     */
    public Capsule generate(CapsuleRequest request) {
        return generate(request, ProgressListener.none());
    }

    /** Like {@link #generate(CapsuleRequest)}, also telling {@code callListener} about this call's progress. */
    public Capsule generate(CapsuleRequest request, ProgressListener callListener) {
        ProgressListener both = withBuilderListener(callListener);
        return cachedOrRun(request, both, newRun(request, both));
    }

    /**
     * Starts a generation on the configured executor. The future completes with the capsule, or exceptionally
     * with the {@link io.qlp.api.QlpException} that {@link #generate(CapsuleRequest)} would throw.
     */
    public CompletableFuture<Capsule> generateAsync(CapsuleRequest request) {
        return generateAsync(request, ProgressListener.none());
    }

    /** Like {@link #generateAsync(CapsuleRequest)}, with a listener for this call. */
    public CompletableFuture<Capsule> generateAsync(CapsuleRequest request, ProgressListener callListener) {
        ProgressListener both = withBuilderListener(callListener);
        GenerationRun run = newRun(request, both);
        return CompletableFuture.supplyAsync(() -> cachedOrRun(request, both, run), executor);
    }

    /**
     * Serves {@code request} on the calling thread when the exact cache holds a validated answer for it: the answer
     * is stored as a new capsule and returned, as {@link #generate(CapsuleRequest)} would return it. Empty when it
     * holds none; then nothing is generated and the semantic cache is not asked. For callers that wait for the
     * capsule anyway, such as a server answering {@code ?wait=true}: a hit needs no hand-off to the generation
     * executor. A miss is counted in the cache metrics by the generation that follows; a hit that cannot be stored
     * is returned as a miss.
     *
     * <p>Example:
     * {@code Capsule capsule = generator.exactCacheHit(request, listener).orElseGet(() -> generator.generate(request));}
     */
    public Optional<Capsule> exactCacheHit(CapsuleRequest request, ProgressListener callListener) {
        return cache.exactHit(request, CapsuleIds.next(), withBuilderListener(callListener));
    }

    /** The capsule store this generator saves into. */
    public CapsuleStore store() {
        return store;
    }

    /** The configured tiers and their models. */
    public Map<Tier, TierModel> tiers() {
        return tiers;
    }

    /** When requests are planned as tasks; {@link io.qlp.core.decompose.Decomposition#disabled()} by default. */
    public io.qlp.core.decompose.Decomposition decomposition() {
        return decomposition;
    }

    /**
     * This generator's pieces as separate pipeline steps, for durable orchestrators such as
     * {@link io.qlp.core.orchestration.TemporalCapsuleWorker}; not for applications.
     */
    public io.qlp.core.orchestration.internal.PipelineActions pipeline() {
        return new io.qlp.core.orchestration.internal.PipelineActions(tiers, router, validation, memory, store,
                maxAttempts, decomposition, caller);
    }

    // Cache hook: a cached capsule is served before any model call; a validated new one is offered to the caches.
    private Capsule cachedOrRun(CapsuleRequest request, ProgressListener both, GenerationRun run) {
        Optional<Capsule> cached = cache.lookup(request, run.capsuleId(), both);
        if (cached.isPresent()) {
            return cached.get();
        }
        // Decomposition hook: a complex request is planned as tasks, then validated and repaired as usual.
        Capsule capsule = decomposition.appliesTo(request)
                ? new io.qlp.core.orchestration.internal.StagedRun(request, run.capsuleId(),
                        new io.qlp.core.orchestration.internal.DirectSteps(pipeline(), both, clock)).execute()
                : run.execute();
        cache.offer(request, capsule);
        return capsule;
    }

    /** The builder's listener followed by this call's. */
    private ProgressListener withBuilderListener(ProgressListener callListener) {
        return event -> {
            listener.onProgress(event);
            callListener.onProgress(event);
        };
    }

    private GenerationRun newRun(CapsuleRequest request, ProgressListener both) {
        return new GenerationRun(request, tiers, router, caller, prompts, parser, validation, memory,
                store, maxAttempts, both, clock, policy);
    }

    /** Builds {@link CapsuleGenerator}s. At least one tier is required. */
    public static final class Builder {
        private final Map<Tier, TierModel> tiers = new EnumMap<>(Tier.class);
        private @Nullable TierRouter router;
        private @Nullable List<Validator> validators;
        private ValidationSettings validation = ValidationSettings.defaults();
        private boolean validationSet;
        private @Nullable MemoryStore memoryStore;
        private @Nullable EmbeddingModel embeddingModel;
        private @Nullable ExactCache exactCache;
        private @Nullable SemanticCache semanticCache;
        private @Nullable MeterRegistry meterRegistry;
        private @Nullable CapsuleStore store;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private boolean maxAttemptsSet;
        private ProgressListener listener = ProgressListener.none();
        private boolean listenerSet;
        private @Nullable Executor executor;
        private Clock clock = Clock.systemUTC();
        private boolean clockSet;
        private @Nullable CallResilience resilience;
        private io.qlp.core.decompose.Decomposition decomposition = io.qlp.core.decompose.Decomposition.disabled();
        private boolean decompositionSet;
        private @Nullable GenerationStrategy strategy;
        private @Nullable BigDecimal maxBudgetUsdPerRequest;
        private @Nullable BudgetLedger budgetLedger;
        private java.util.function.@Nullable Function<CapsuleRequest, String> budgetKey;

        private Builder() {
        }

        /** Uses {@code chatModel} for {@code tier}, free of charge, named after its class. */
        public Builder tier(Tier tier, ChatModel chatModel) {
            return tier(tier, new TierModel(chatModel, chatModel.getClass().getSimpleName(), ModelPricing.free()));
        }

        /** Uses {@code chatModel} for {@code tier} at the given prices. */
        public Builder tier(Tier tier, ChatModel chatModel, ModelPricing pricing) {
            return tier(tier, new TierModel(chatModel, chatModel.getClass().getSimpleName(), pricing));
        }

        /**
         * Uses {@code model} for {@code tier}.
         *
         * @throws IllegalStateException when the tier is already configured
         */
        public Builder tier(Tier tier, TierModel model) {
            if (tiers.containsKey(tier)) {
                throw new IllegalStateException("tier " + tier + " was already configured");
            }
            tiers.put(tier, model);
            return this;
        }

        /** The router that picks the first tier and escalation; default {@link ComplexityRouter#create()}. */
        public Builder router(TierRouter router) {
            if (this.router != null) {
                throw new IllegalStateException("router was already set to " + this.router);
            }
            this.router = router;
            return this;
        }

        /** Adds a validator; once called, only the validators given here are used. */
        public Builder validator(Validator validator) {
            if (validators == null) {
                validators = new ArrayList<>();
            }
            validators.add(validator);
            return this;
        }

        /** Sets the validators, replacing discovery through {@link ServiceProviders}. */
        public Builder validators(List<Validator> validators) {
            if (this.validators != null) {
                throw new IllegalStateException("validators were already set");
            }
            this.validators = new ArrayList<>(validators);
            return this;
        }

        /**
         * Which discovered validators run and their properties ({@code qlp.validation}); default every validator
         * found through {@link ServiceProviders} with its defaults. Not used once {@link #validator} or
         * {@link #validators} is called.
         */
        public Builder validation(ValidationSettings validation) {
            if (validationSet) {
                throw new IllegalStateException("validation was already set to " + this.validation);
            }
            this.validation = java.util.Objects.requireNonNull(validation, "validation");
            this.validationSet = true;
            return this;
        }

        /** Remembers validated code and puts similar past code into prompts, embedding with {@code embeddingModel}. */
        public Builder memory(MemoryStore memoryStore, EmbeddingModel embeddingModel) {
            if (this.memoryStore != null) {
                throw new IllegalStateException("memory was already set");
            }
            this.memoryStore = memoryStore;
            this.embeddingModel = embeddingModel;
            return this;
        }

        /**
         * Serves a validated capsule again for a request with the same {@link io.qlp.core.cache.CacheKey}, without
         * a model call; default no cache. {@code ExactCache.local()} is Caffeine; {@code RedisExactCache} is shared.
         */
        public Builder exactCache(ExactCache exactCache) {
            if (this.exactCache != null) {
                throw new IllegalStateException("exactCache was already set to " + this.exactCache);
            }
            this.exactCache = java.util.Objects.requireNonNull(exactCache, "exactCache");
            return this;
        }

        /**
         * Serves a validated capsule of a request with the same meaning, after validating it again; default none.
         */
        public Builder semanticCache(SemanticCache semanticCache) {
            if (this.semanticCache != null) {
                throw new IllegalStateException("semanticCache was already set to " + this.semanticCache);
            }
            this.semanticCache = java.util.Objects.requireNonNull(semanticCache, "semanticCache");
            return this;
        }

        /** Where cache hits and misses are counted ({@code qlp.cache.lookups}); default a private SimpleMeterRegistry. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            if (this.meterRegistry != null) {
                throw new IllegalStateException("meterRegistry was already set to " + this.meterRegistry);
            }
            this.meterRegistry = java.util.Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** Where capsules are saved; default an in-memory store. */
        public Builder store(CapsuleStore store) {
            if (this.store != null) {
                throw new IllegalStateException("store was already set to " + this.store);
            }
            this.store = store;
            return this;
        }

        /**
         * Most generate-validate rounds per request, 1 to 20; default {@value #DEFAULT_MAX_ATTEMPTS}.
         *
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttemptsSet) {
                throw new IllegalStateException("maxAttempts was already set to " + this.maxAttempts);
            }
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 20: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            this.maxAttemptsSet = true;
            return this;
        }

        /** Told about every generation's progress; it must be quick and must not throw. */
        public Builder listener(ProgressListener listener) {
            if (listenerSet) {
                throw new IllegalStateException("listener was already set");
            }
            this.listener = listener;
            this.listenerSet = true;
            return this;
        }

        /** Runs {@link CapsuleGenerator#generateAsync(CapsuleRequest)}; default a shared pool of daemon threads. */
        public Builder executor(Executor executor) {
            if (this.executor != null) {
                throw new IllegalStateException("executor was already set");
            }
            this.executor = executor;
            return this;
        }

        /**
         * Plans requests at or above the decomposition's complexity threshold as tasks (code, tests, docs) on the
         * strongest configured tier, runs them in dependency order, independent ones in parallel, and validates and
         * repairs the assembled capsule as usual; default {@link io.qlp.core.decompose.Decomposition#disabled()}.
         */
        public Builder decomposition(io.qlp.core.decompose.Decomposition decomposition) {
            if (decompositionSet) {
                throw new IllegalStateException("decomposition was already set to " + this.decomposition);
            }
            this.decomposition = java.util.Objects.requireNonNull(decomposition, "decomposition");
            this.decompositionSet = true;
            return this;
        }

        /** Clock for manifest times; default UTC system clock. */
        public Builder clock(Clock clock) {
            if (clockSet) {
                throw new IllegalStateException("clock was already set");
            }
            this.clock = clock;
            this.clockSet = true;
            return this;
        }

        /**
         * Retries, circuit breakers and fallback to the next tier up for model calls; default
         * {@link CallResilience#defaults()}.
         */
        public Builder resilience(CallResilience resilience) {
            if (this.resilience != null) {
                throw new IllegalStateException("resilience was already set to " + this.resilience);
            }
            this.resilience = java.util.Objects.requireNonNull(resilience, "resilience");
            return this;
        }

        /** Who is asked what in one attempt; default {@link GenerationStrategy#singleModel()}. */
        public Builder strategy(GenerationStrategy strategy) {
            if (this.strategy != null) {
                throw new IllegalStateException("strategy was already set to " + this.strategy);
            }
            this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * Budget of every request in US dollars; a request's own {@link CapsuleRequest#budgetUsd()} wins when it is
         * smaller. A call the budget cannot pay for is not made. Default none.
         *
         * @throws IllegalArgumentException naming the value when it is negative
         */
        public Builder maxBudgetUsdPerRequest(BigDecimal usd) {
            if (this.maxBudgetUsdPerRequest != null) {
                throw new IllegalStateException("maxBudgetUsdPerRequest was already set to "
                        + this.maxBudgetUsdPerRequest.toPlainString());
            }
            if (java.util.Objects.requireNonNull(usd, "usd").signum() < 0) {
                throw new IllegalArgumentException("max budget per request must not be negative: " + usd);
            }
            this.maxBudgetUsdPerRequest = usd;
            return this;
        }

        /**
         * Daily budgets per key, checked before every call; the key is the request's
         * {@link BudgetLedger#KEY_METADATA} metadata, or {@link BudgetLedger#DEFAULT_KEY}. Default none.
         */
        public Builder budgetLedger(BudgetLedger ledger) {
            return budgetLedger(ledger, CallPolicy::metadataKey);
        }

        /** Daily budgets per key, with {@code keyOf} naming a request's key (such as the caller's API key id). */
        public Builder budgetLedger(BudgetLedger ledger, java.util.function.Function<CapsuleRequest, String> keyOf) {
            if (this.budgetLedger != null) {
                throw new IllegalStateException("budgetLedger was already set to " + this.budgetLedger);
            }
            this.budgetLedger = java.util.Objects.requireNonNull(ledger, "ledger");
            this.budgetKey = java.util.Objects.requireNonNull(keyOf, "keyOf");
            return this;
        }

        /**
         * Builds the generator.
         *
         * @throws IllegalStateException when no tier is configured
         * @throws io.qlp.api.NonRetriableQlpException with {@link io.qlp.api.ErrorCode#CONFIGURATION} when the
         *     {@link #validation} settings name an unknown validator or a value its factory rejects
         */
        public CapsuleGenerator build() {
            if (tiers.isEmpty()) {
                throw new IllegalStateException("at least one tier must be configured: call tier(Tier.T0, chatModel)");
            }
            return new CapsuleGenerator(this);
        }
    }

    /** One pool for every generator that does not bring its own executor; created on first use (holder idiom). */
    private static final class DefaultExecutor {
        private static final AtomicInteger COUNT = new AtomicInteger();
        private static final ExecutorService POOL = Executors.newCachedThreadPool(DefaultExecutor::daemon);

        private static Thread daemon(Runnable task) {
            Thread thread = new Thread(task, "qlp-generate-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
