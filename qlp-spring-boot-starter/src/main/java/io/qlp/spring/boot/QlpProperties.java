package io.qlp.spring.boot;

import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.cache.SemanticCache;
import io.qlp.core.config.BudgetSettings;
import io.qlp.core.config.CacheSettings;
import io.qlp.core.config.DecompositionSettings;
import io.qlp.core.config.ExportSettings;
import io.qlp.core.config.GenerationSettings;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.MemorySettings;
import io.qlp.core.config.OrchestrationSettings;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.RoutingSettings;
import io.qlp.core.config.StoreSettings;
import io.qlp.core.config.TemporalSettings;
import io.qlp.core.config.TierSettings;
import io.qlp.core.config.ValidationSettings;
import io.qlp.core.store.CachingCapsuleStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The {@code qlp.*} keys, the same ones the {@code qlp} command reads from its YAML file. {@link #toSettings()} turns
 * them into {@link QlpSettings}, which {@link GeneratorFactory} builds from, so the starter and the CLI share one
 * configuration model: every check and default beyond binding lives in {@code io.qlp.core.config}.
 *
 * <p>Example ({@code application.yaml}):
 * <pre>{@code
 * qlp:
 *   tiers:
 *     t0: {base-url: http://127.0.0.1:11434/v1, api-key: ollama, model: qwen2.5-coder}
 *     t2: {base-url: https://api.openai.com/v1, api-key-env: OPENAI_API_KEY, model: gpt-4o}
 *   generation: {max-attempts: 3}
 *   routing: {router: cascade, cascade: {ladder: "T0,T2"}}
 *   budget: {max-usd-per-request: 0.50}
 *   store: {type: jdbc}
 *   validation:
 *     disabled: [security]
 *     validators: {java: {test-timeout: 30s}, python: {warm-pool: false}}
 * }</pre>
 *
 * @param tiers Model of each tier, t0 cheapest to t3 strongest. A tier that is not configured falls back to the
 *     nearest configured one.
 * @param generation Generate-validate-repair loop.
 * @param routing Routing between tiers and resilience of model calls.
 * @param budget Spending limits.
 * @param decomposition Planning of complex requests as smaller tasks.
 * @param dataDir Folder for the embedded store, the embedded memory and other local data. QLP_DATA_DIR, then ~/.qlp,
 *     when unset.
 * @param store Where capsules are kept.
 * @param export How exported archives are signed.
 * @param memory What generation remembers and where.
 * @param cache Exact and semantic capsule caches.
 * @param orchestration Where generation runs: "in-process", or "temporal" for durable workflows.
 * @param temporal Temporal service, for orchestration "temporal".
 * @param validation Which validators found on the class path run, and the properties of each.
 */
@ConfigurationProperties("qlp")
public record QlpProperties(@DefaultValue Tiers tiers, @DefaultValue Generation generation,
                            @DefaultValue Routing routing, @DefaultValue Budget budget,
                            @DefaultValue Decomposition decomposition, @Nullable String dataDir,
                            @DefaultValue Store store, @DefaultValue Export export, @DefaultValue Memory memory,
                            @DefaultValue Cache cache,
                            @DefaultValue(OrchestrationSettings.IN_PROCESS) String orchestration,
                            @DefaultValue Temporal temporal, @DefaultValue Validation validation) {

    /**
     * The same values as {@link QlpSettings}, for {@link GeneratorFactory}.
     *
     * @throws io.qlp.api.NonRetriableQlpException with {@link io.qlp.api.ErrorCode#CONFIGURATION} when
     *     {@code qlp.orchestration} is neither in-process nor temporal
     */
    public QlpSettings toSettings() {
        return new QlpSettings(tiers.toSettings(), generation.toSettings(), dataDir, store.toSettings(),
                export.toSettings(), memory.toSettings(), cache.toSettings(), routing.toSettings(),
                budget.toSettings(), OrchestrationSettings.of(orchestration), temporal.toSettings(),
                decomposition.toSettings(), validation.toSettings());
    }

    /**
     * Model tiers, under {@code qlp.tiers}, cheapest first.
     *
     * @param t0 Cheapest tier, for simple requests.
     * @param t1 Second tier.
     * @param t2 Third tier.
     * @param t3 Strongest tier, for the hardest requests.
     */
    public record Tiers(@Nullable TierProperties t0, @Nullable TierProperties t1, @Nullable TierProperties t2,
                        @Nullable TierProperties t3) {

        /** The configured tiers, by tier. */
        public Map<Tier, TierProperties> configured() {
            Map<Tier, TierProperties> configured = new EnumMap<>(Tier.class);
            if (t0 != null) configured.put(Tier.T0, t0);
            if (t1 != null) configured.put(Tier.T1, t1);
            if (t2 != null) configured.put(Tier.T2, t2);
            if (t3 != null) configured.put(Tier.T3, t3);
            return configured;
        }

        Map<Tier, TierSettings> toSettings() {
            Map<Tier, TierSettings> settings = new EnumMap<>(Tier.class);
            configured().forEach((tier, properties) -> settings.put(tier, properties.toSettings()));
            return settings;
        }
    }

    /**
     * One tier's model, under {@code qlp.tiers.t0} … {@code qlp.tiers.t3}.
     *
     * @param provider Model provider: "openai" (any OpenAI-compatible endpoint: OpenAI, vLLM, Ollama's /v1, LM
     *     Studio), "azure-openai", "anthropic", "ollama" (native API) or "gemini".
     * @param baseUrl Endpoint URL, such as http://127.0.0.1:11434/v1. The provider's public endpoint when unset.
     * @param apiKey API key. Prefer api-key-env, so the key stays out of files.
     * @param apiKeyEnv Name of the environment variable or property that holds the API key.
     * @param model Model name sent to the endpoint, such as gpt-4o-mini.
     * @param timeout Longest time one model call may take. 120 seconds when unset.
     * @param maxRetries Retries of a failed call (429, 5xx, timeout). 2 when unset.
     * @param temperature Sampling temperature. The model's default when unset.
     * @param maxOutputTokens Most tokens in one answer. The model's default when unset.
     * @param inputUsdPer1kTokens Price in US dollars of 1,000 prompt tokens, for usage, metrics and budgets.
     * @param outputUsdPer1kTokens Price in US dollars of 1,000 completion tokens.
     */
    public record TierProperties(@DefaultValue(GeneratorFactory.OPENAI) String provider, @Nullable String baseUrl,
                                 @Nullable String apiKey, @Nullable String apiKeyEnv, @Nullable String model,
                                 @Nullable Duration timeout, @Nullable Integer maxRetries,
                                 @Nullable Double temperature, @Nullable Integer maxOutputTokens,
                                 @Name("input-usd-per-1k-tokens") @DefaultValue("0") BigDecimal inputUsdPer1kTokens,
                                 @Name("output-usd-per-1k-tokens") @DefaultValue("0") BigDecimal outputUsdPer1kTokens) {

        TierSettings toSettings() {
            return new TierSettings(provider, baseUrl, apiKey, apiKeyEnv, model, timeout, maxRetries, temperature,
                    maxOutputTokens, inputUsdPer1kTokens, outputUsdPer1kTokens);
        }

        /** Every property but the API key, which must never reach a log line or a failure analysis. */
        @Override
        public String toString() {
            return "TierProperties" + toSettings().toString().substring("TierSettings".length());
        }
    }

    /**
     * Generate-validate-repair loop, under {@code qlp.generation}.
     *
     * @param maxAttempts Most generate-validate rounds per request, 1 to 20.
     */
    public record Generation(@DefaultValue("" + CapsuleGenerator.DEFAULT_MAX_ATTEMPTS) int maxAttempts) {

        GenerationSettings toSettings() {
            return new GenerationSettings(maxAttempts);
        }
    }

    /**
     * Routing between tiers and resilience of model calls, under {@code qlp.routing}.
     *
     * @param router Router that picks each request's first tier and when to escalate: "complexity", "learned",
     *     "cascade", or the name of any TierRouterFactory on the class path. Unset means "complexity", or the
     *     application's TierRouter bean when it defines one (setting both is an error).
     * @param complexity Properties of the complexity router, such as thresholds.t1 and escalate-after-failures.
     * @param learned Properties of the learned router, such as target-pass-rate and exploration-rate.
     * @param cascade Properties of the cascade router, such as ladder (comma-separated tiers) and
     *     failures-before-escalation.
     * @param strategy Generation strategy: "single" (one model per attempt) or "ensemble" (T3 runs as T1 drafting
     *     and T2 refining).
     * @param fallbackToNextTier Whether a call moves to the next tier up when its provider is down.
     * @param retry Backoff between retries of a model call.
     * @param circuitBreaker Circuit breaker of each tier's provider.
     */
    public record Routing(@Nullable String router,
                          Map<String, String> complexity, Map<String, String> learned, Map<String, String> cascade,
                          @DefaultValue("single") String strategy, @DefaultValue("true") boolean fallbackToNextTier,
                          @DefaultValue Retry retry, @DefaultValue CircuitBreaker circuitBreaker) {

        private static final Pattern LIST_ITEM = Pattern.compile("(.+?)(?:\\.|\\[)(\\d+)]?");

        RoutingSettings toSettings() {
            return new RoutingSettings(router, routerProperties(complexity), routerProperties(learned),
                    routerProperties(cascade), strategy, fallbackToNextTier,
                    new RoutingSettings.Retry(retry.initialBackoff(), retry.maxBackoff(), retry.multiplier(),
                            retry.jitter(), retry.maxRetryAfter()),
                    new RoutingSettings.CircuitBreaker(circuitBreaker.window(), circuitBreaker.minimumCalls(),
                            circuitBreaker.failureRate(), circuitBreaker.openStateWait()));
        }

        /**
         * Spring flattens nested keys ({@code thresholds.t1}) as the routers read them; a YAML list arrives as
         * {@code ladder.0}, {@code ladder.1}, which routers read as one comma-separated {@code ladder}.
         */
        static @Nullable Map<String, Object> routerProperties(@Nullable Map<String, String> bound) {
            if (bound == null || bound.isEmpty()) {
                return null;
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            Map<String, TreeMap<Integer, String>> lists = new LinkedHashMap<>();
            bound.forEach((key, value) -> {
                Matcher item = LIST_ITEM.matcher(key);
                if (item.matches()) {
                    lists.computeIfAbsent(item.group(1), k -> new TreeMap<>())
                            .put(Integer.parseInt(item.group(2)), value);
                } else {
                    properties.put(key, value);
                }
            });
            lists.forEach((key, values) -> properties.put(key, String.join(",", values.values())));
            return properties;
        }
    }

    /**
     * Backoff between retries of a model call, under {@code qlp.routing.retry}. The number of retries is per tier
     * (qlp.tiers.tN.max-retries).
     *
     * @param initialBackoff Wait before the first retry. 500 milliseconds when unset.
     * @param maxBackoff Longest wait between retries. 30 seconds when unset.
     * @param multiplier Growth of each wait over the previous one. 2 when unset.
     * @param jitter Randomisation of each wait, from 0 (none) to below 1. 0.5 when unset.
     * @param maxRetryAfter Longest Retry-After of a 429 or 503 answer that is honoured. 60 seconds when unset.
     */
    public record Retry(@Nullable Duration initialBackoff, @Nullable Duration maxBackoff,
                        @Nullable Double multiplier, @Nullable Double jitter, @Nullable Duration maxRetryAfter) {
    }

    /**
     * Circuit breaker of each tier's provider, under {@code qlp.routing.circuit-breaker}.
     *
     * @param window Number of recent calls the failure rate is computed over. 10 when unset.
     * @param minimumCalls Calls seen before the breaker may open. 5 when unset.
     * @param failureRate Percentage of failed calls that opens the breaker. 50 when unset.
     * @param openStateWait How long the breaker stays open before trying again. 30 seconds when unset.
     */
    public record CircuitBreaker(@Nullable Integer window, @Nullable Integer minimumCalls,
                                 @Nullable Float failureRate, @Nullable Duration openStateWait) {
    }

    /**
     * Spending limits, under {@code qlp.budget}. A call that would pass a limit is not made; generation fails with
     * BUDGET_EXCEEDED.
     *
     * @param maxUsdPerRequest Default budget in US dollars of each request; a request's own smaller budget wins.
     *     No limit when unset.
     * @param dailyUsdPerKey Daily limit in US dollars per budget key (request metadata "budget-key"), counted in
     *     this process. No limit when unset.
     */
    public record Budget(@Nullable BigDecimal maxUsdPerRequest, @Nullable BigDecimal dailyUsdPerKey) {

        BudgetSettings toSettings() {
            return new BudgetSettings(maxUsdPerRequest, dailyUsdPerKey);
        }
    }

    /**
     * Planning of complex requests as smaller tasks, under {@code qlp.decomposition}.
     *
     * @param enabled Whether complex requests are planned as tasks generated one by one.
     * @param threshold Complexity score, from 0 to 1, from which a request is decomposed. 0.45 when unset.
     * @param maxParallelTasks Most tasks generated at once, 1 to 16. 3 when unset.
     * @param maxTasks Most tasks in a plan, 1 to 20. 6 when unset.
     */
    public record Decomposition(@DefaultValue("false") boolean enabled, @Nullable Double threshold,
                                @Nullable Integer maxParallelTasks, @Nullable Integer maxTasks) {

        DecompositionSettings toSettings() {
            return new DecompositionSettings(enabled, threshold, maxParallelTasks, maxTasks);
        }
    }

    /**
     * Where capsules are kept, under {@code qlp.store}. With type "jdbc", no jdbc-url and a DataSource bean, the
     * store uses the application's database.
     *
     * @param type Store type: "embedded" (an H2 file under qlp.data-dir), "jdbc" (a database server) or
     *     "in-memory" (gone when the process ends).
     * @param jdbcUrl Database server for type "jdbc", such as jdbc:postgresql://127.0.0.1:5432/qlp. The
     *     application's DataSource when unset.
     * @param username Database user for type "jdbc".
     * @param password Database password. Prefer password-env.
     * @param passwordEnv Name of the environment variable or property that holds the database password.
     * @param schema Schema of the store's tables, created if missing. The user's default schema when unset.
     * @param maximumPoolSize Most open connections of the store's own pool. 10 for "jdbc" and 4 for "embedded" when
     *     unset.
     * @param connectionTimeout Longest wait for a free connection. 5 seconds when unset.
     * @param cache Read cache in front of the store.
     */
    public record Store(@DefaultValue(StoreSettings.EMBEDDED) String type, @Nullable String jdbcUrl,
                        @Nullable String username, @Nullable String password, @Nullable String passwordEnv,
                        @Nullable String schema, @Nullable Integer maximumPoolSize,
                        @Nullable Duration connectionTimeout, @DefaultValue StoreCache cache) {

        StoreSettings toSettings() {
            return new StoreSettings(type, jdbcUrl, username, password, passwordEnv, schema, maximumPoolSize,
                    connectionTimeout, cache.toSettings());
        }
    }

    /**
     * Read cache of the capsule store, under {@code qlp.store.cache}. Numbered versions stay cached until deleted;
     * the latest version of a capsule is served from memory for at most latest-ttl, so a write by another instance
     * sharing the database is seen within that time. This instance's own writes are seen at once.
     *
     * @param enabled Whether capsules read recently are kept in memory. Not used with store type "in-memory".
     * @param maximumSize Most capsules kept in memory, for latest versions and for numbered versions each.
     * @param latestTtl Longest time the latest version of a capsule is served from memory.
     */
    public record StoreCache(@DefaultValue("true") boolean enabled,
                             @DefaultValue("" + CachingCapsuleStore.DEFAULT_MAXIMUM_SIZE) long maximumSize,
                             @DefaultValue("2s") Duration latestTtl) {

        StoreSettings.Cache toSettings() {
            return new StoreSettings.Cache(enabled, maximumSize, latestTtl);
        }
    }

    /**
     * Export settings, under {@code qlp.export}.
     *
     * @param signing Signing key of exported archives. Archives are not signed when no algorithm is set.
     */
    public record Export(@DefaultValue Signing signing) {

        ExportSettings toSettings() {
            return new ExportSettings(new ExportSettings.Signing(signing.algorithm(), signing.keyId(),
                    signing.privateKeyFile(), signing.publicKeyFile(), signing.secret(), signing.secretEnv()));
        }
    }

    /**
     * Signing key of exported archives, under {@code qlp.export.signing}.
     *
     * @param algorithm Signature algorithm: "ed25519" or "hmac-sha256".
     * @param keyId Key name written into signature.json. "default" when unset.
     * @param privateKeyFile Ed25519 private key file, PKCS#8 PEM.
     * @param publicKeyFile Ed25519 public key file, PEM, used to verify archives.
     * @param secret HMAC secret, Base64 of at least 32 bytes. Prefer secret-env.
     * @param secretEnv Name of the environment variable or property that holds the HMAC secret.
     */
    public record Signing(@Nullable String algorithm, @Nullable String keyId, @Nullable String privateKeyFile,
                          @Nullable String publicKeyFile, @Nullable String secret, @Nullable String secretEnv) {
    }

    /**
     * What generation remembers, under {@code qlp.memory}.
     *
     * @param enabled Whether generation remembers validated capsules and recalls similar ones into prompts.
     * @param store Memory store: "embedded" (a Lucene index under qlp.data-dir), "in-memory" or "qdrant".
     * @param qdrant Qdrant server, for store "qdrant".
     */
    public record Memory(@DefaultValue("true") boolean enabled, @DefaultValue(MemorySettings.EMBEDDED) String store,
                         @DefaultValue Qdrant qdrant) {

        MemorySettings toSettings() {
            return new MemorySettings(enabled, store, new MemorySettings.Qdrant(qdrant.url(), qdrant.apiKey(),
                    qdrant.apiKeyEnv(), qdrant.timeout(), qdrant.collectionPrefix()));
        }
    }

    /**
     * Qdrant server, under {@code qlp.memory.qdrant}.
     *
     * @param url gRPC URL of the Qdrant server, such as http://127.0.0.1:6334; https for TLS.
     * @param apiKey API key sent as the api-key header of every call. Prefer api-key-env, so the key stays out of
     *     files.
     * @param apiKeyEnv Name of the environment variable or property that holds the API key.
     * @param timeout Deadline of every call to Qdrant. 10s when unset.
     * @param collectionPrefix Prefix of QLP's Qdrant collections. "qlp_" when unset.
     */
    public record Qdrant(@Nullable String url, @Nullable String apiKey, @Nullable String apiKeyEnv,
                         @Nullable Duration timeout, @Nullable String collectionPrefix) {

        /** Shows whether a key is set, never the key itself. */
        @Override
        public String toString() {
            return "Qdrant[url=" + url + ", apiKey=" + (apiKey == null ? null : "***") + ", apiKeyEnv=" + apiKeyEnv
                    + ", timeout=" + timeout + ", collectionPrefix=" + collectionPrefix + "]";
        }
    }

    /**
     * Capsule caches, under {@code qlp.cache}.
     *
     * @param exact Cache of validated capsules by exact request.
     * @param semantic Cache of validated capsules by request meaning.
     * @param redis Redis shared by every instance. The exact cache stays in this process when unset.
     */
    public record Cache(@DefaultValue Exact exact, @DefaultValue Semantic semantic, @DefaultValue Redis redis) {

        CacheSettings toSettings() {
            return new CacheSettings(new CacheSettings.Exact(exact.enabled(), exact.ttl()),
                    new CacheSettings.Semantic(semantic.enabled(), semantic.threshold()),
                    new CacheSettings.Redis(redis.url()));
        }
    }

    /**
     * Exact cache, under {@code qlp.cache.exact}.
     *
     * @param enabled Whether the same request is answered from the cache without a model call.
     * @param ttl How long an entry lives. 24 hours when unset.
     */
    public record Exact(@DefaultValue("true") boolean enabled, @Nullable Duration ttl) {
    }

    /**
     * Semantic cache, under {@code qlp.cache.semantic}.
     *
     * @param enabled Whether a request with the same meaning is answered from the cache, after validating the
     *     cached capsule again.
     * @param threshold Lowest similarity of a hit, above 0 and at most 1.
     */
    public record Semantic(@DefaultValue("false") boolean enabled,
                           @DefaultValue("" + SemanticCache.DEFAULT_THRESHOLD) double threshold) {
    }

    /**
     * Shared Redis, under {@code qlp.cache.redis}.
     *
     * @param url Redis URL, such as redis://127.0.0.1:6379.
     */
    public record Redis(@Nullable String url) {
    }

    /**
     * Temporal service, under {@code qlp.temporal}; used when qlp.orchestration is "temporal".
     *
     * @param target Frontend of the Temporal service, as host:port.
     * @param namespace Temporal namespace.
     * @param taskQueue Task queue that workers poll and clients start capsule workflows on.
     * @param heartbeatTimeout How soon a dead worker's model call or validation is retried elsewhere. 30 seconds
     *     when unset.
     * @param modelTimeout Longest model activity. 10 minutes when unset.
     * @param validationTimeout Longest validation activity. 15 minutes when unset.
     * @param retryInitialInterval First wait before an activity is retried. 2 seconds when unset.
     * @param modelAttempts Most tries of a model activity. 4 when unset.
     * @param stickyExecution Whether workflow tasks stick to the worker that ran them last. True when unset; Temporal's
     *     lightweight test server needs false to hand a dead worker's task to another.
     * @param worker Capsule worker of this application.
     */
    public record Temporal(@DefaultValue(TemporalSettings.DEFAULT_TARGET) String target,
                           @DefaultValue(TemporalSettings.DEFAULT_NAMESPACE) String namespace,
                           @DefaultValue(TemporalSettings.DEFAULT_TASK_QUEUE) String taskQueue,
                           @Nullable Duration heartbeatTimeout, @Nullable Duration modelTimeout,
                           @Nullable Duration validationTimeout, @Nullable Duration retryInitialInterval,
                           @Nullable Integer modelAttempts, @Nullable Boolean stickyExecution,
                           @DefaultValue Worker worker) {

        TemporalSettings toSettings() {
            return new TemporalSettings(target, namespace, taskQueue, heartbeatTimeout, modelTimeout,
                    validationTimeout, retryInitialInterval, modelAttempts, stickyExecution);
        }
    }

    /**
     * Capsule worker of this application, under {@code qlp.temporal.worker}. Read by the starter only.
     *
     * @param enabled Whether this application runs capsule workflows, with the auto-configured generator, when
     *     orchestration is "temporal". Turn it off in applications that only start workflows.
     */
    public record Worker(@DefaultValue("true") boolean enabled) {
    }

    /**
     * Validators found on the class path (each ValidatorFactory), under {@code qlp.validation}. A name that matches
     * no validator, or a value a validator rejects, stops the startup with a CONFIGURATION error naming the key.
     *
     * @param disabled Validators not to load, by name: "java", "python", "javascript" or "security".
     * @param validators Properties of each validator, by name, as the validator's factory reads them: java
     *     test-timeout; python test-timeout, python, autoload-plugins, warm-pool; javascript test-timeout, node,
     *     warm-pool; security entropy-threshold, disabled-rules (a list or comma-separated). Such as
     *     qlp.validation.validators.java.test-timeout=30s. Each validator's defaults when unset.
     */
    public record Validation(@Nullable List<String> disabled,
                             @Nullable Map<String, Map<String, String>> validators) {

        ValidationSettings toSettings() {
            Map<String, Map<String, String>> properties = new LinkedHashMap<>();
            if (validators != null) {
                validators.forEach((name, bound) -> properties.put(name, validatorProperties(bound)));
            }
            return new ValidationSettings(disabled == null ? List.of() : disabled, properties);
        }

        /** A list arrives as {@code disabled-rules[0]}, {@code disabled-rules[1]}; factories read one joined value. */
        private static Map<String, String> validatorProperties(Map<String, String> bound) {
            Map<String, Object> joined = Routing.routerProperties(bound);
            Map<String, String> properties = new LinkedHashMap<>();
            if (joined != null) {
                joined.forEach((key, value) -> properties.put(key, String.valueOf(value)));
            }
            return properties;
        }
    }
}
