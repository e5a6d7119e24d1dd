package io.qlp.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Tier;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code qlp.*} settings: tiers, generation and the sections below. The CLI reads them from YAML or the
 * environment; the Spring Boot starter binds the same keys.
 *
 * <p>Example:
 * <pre>{@code
 * QlpSettings settings = QlpSettings.fromMap(Map.of("qlp", Map.of("tiers", Map.of("t0", Map.of(
 *     "provider", "openai", "base-url", "http://127.0.0.1:8080/v1", "api-key", "x", "model", "small")))));
 * }</pre>
 *
 * @param tiers configured tiers by tier
 * @param generation loop settings
 * @param dataDir {@code qlp.data-dir}: folder for the embedded store and other local data; see
 *     {@link StoreSettings#dataDir(String, java.util.function.Function)} for the default
 * @param store {@code qlp.store}: where capsules are kept
 * @param export {@code qlp.export}: archive signing
 * @param memory {@code qlp.memory}: what generation remembers and where
 * @param cache {@code qlp.cache}: exact and semantic capsule caches
 * @param routing {@code qlp.routing}: router, strategy, retries, circuit breakers and fallback
 * @param budget {@code qlp.budget}: per-request and per-key daily spending limits
 * @param orchestration {@code qlp.orchestration}: {@code in-process} (default) or {@code temporal}
 * @param temporal {@code qlp.temporal}: the Temporal service and workflow policy, for {@code temporal}
 * @param decomposition {@code qlp.decomposition}: planning complex requests as parallel tasks
 * @param validation {@code qlp.validation}: which discovered validators run and their properties
 */
public record QlpSettings(Map<Tier, TierSettings> tiers, GenerationSettings generation, @Nullable String dataDir,
                          StoreSettings store, ExportSettings export, MemorySettings memory, CacheSettings cache,
                          RoutingSettings routing, BudgetSettings budget, OrchestrationSettings orchestration,
                          TemporalSettings temporal, DecompositionSettings decomposition,
                          ValidationSettings validation) {

    /** Environment variable with an OpenAI-compatible base URL, used when no config file is given. */
    public static final String ENV_BASE_URL = "QLP_OPENAI_BASE_URL";
    /** Environment variable with the API key. */
    public static final String ENV_API_KEY = "QLP_OPENAI_API_KEY";
    /** Environment variable with the model name. */
    public static final String ENV_MODEL = "QLP_MODEL";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .addModule(new JavaTimeModule())
            .build();

    /** Copies the tiers. */
    public QlpSettings {
        tiers = tiers.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(tiers));
    }

    /** Settings with every discovered validator at its defaults. */
    public QlpSettings(Map<Tier, TierSettings> tiers, GenerationSettings generation, @Nullable String dataDir,
                       StoreSettings store, ExportSettings export, MemorySettings memory, CacheSettings cache,
                       RoutingSettings routing, BudgetSettings budget, OrchestrationSettings orchestration,
                       TemporalSettings temporal, DecompositionSettings decomposition) {
        this(tiers, generation, dataDir, store, export, memory, cache, routing, budget, orchestration, temporal,
                decomposition, ValidationSettings.defaults());
    }

    /** Settings with in-process orchestration and no decomposition. */
    public QlpSettings(Map<Tier, TierSettings> tiers, GenerationSettings generation, @Nullable String dataDir,
                       StoreSettings store, ExportSettings export, MemorySettings memory, CacheSettings cache,
                       RoutingSettings routing, BudgetSettings budget) {
        this(tiers, generation, dataDir, store, export, memory, cache, routing, budget,
                OrchestrationSettings.defaults(), TemporalSettings.defaults(), DecompositionSettings.defaults());
    }

    /** Settings with the default routing and budget. */
    public QlpSettings(Map<Tier, TierSettings> tiers, GenerationSettings generation, @Nullable String dataDir,
                       StoreSettings store, ExportSettings export, MemorySettings memory, CacheSettings cache) {
        this(tiers, generation, dataDir, store, export, memory, cache, RoutingSettings.defaults(),
                BudgetSettings.defaults());
    }

    /** Settings with the default data folder, store and export. */
    public QlpSettings(Map<Tier, TierSettings> tiers, GenerationSettings generation) {
        this(tiers, generation, null, StoreSettings.defaults(), ExportSettings.defaults());
    }

    /** Settings with the default memory and caches. */
    public QlpSettings(Map<Tier, TierSettings> tiers, GenerationSettings generation, @Nullable String dataDir,
                       StoreSettings store, ExportSettings export) {
        this(tiers, generation, dataDir, store, export, MemorySettings.defaults(), CacheSettings.defaults());
    }

    /** Settings without tiers. */
    public static QlpSettings empty() {
        return new QlpSettings(Map.of(), new GenerationSettings(null));
    }

    /** Shape of the file, for Jackson. */
    private record Root(@Nullable Section qlp) {
    }

    private record Section(@Nullable Map<String, TierSettings> tiers, @Nullable GenerationSettings generation,
                           @Nullable String dataDir, @Nullable StoreSettings store, @Nullable ExportSettings export,
                           @Nullable MemorySettings memory, @Nullable CacheSettings cache,
                           @Nullable RoutingSettings routing, @Nullable BudgetSettings budget,
                           @Nullable OrchestrationSettings orchestration, @Nullable TemporalSettings temporal,
                           @Nullable DecompositionSettings decomposition,
                           @Nullable ValidationSettings validation) {
    }

    /**
     * Reads a tree whose root holds a {@code qlp} key, as parsed from YAML or JSON.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the bad key or value
     */
    public static QlpSettings fromMap(Map<String, ?> tree) {
        Root root;
        try {
            root = MAPPER.convertValue(tree, Root.class);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "invalid configuration: " + message,
                    Map.of("cause", message));
        }
        if (root.qlp() == null) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION,
                    "configuration has no 'qlp' section; see the README for an example", Map.of());
        }
        Map<Tier, TierSettings> tiers = new EnumMap<>(Tier.class);
        Map<String, TierSettings> raw = root.qlp().tiers() == null ? Map.of() : root.qlp().tiers();
        for (Map.Entry<String, TierSettings> entry : raw.entrySet()) {
            Tier tier;
            try {
                tier = Tier.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "qlp.tiers." + entry.getKey()
                        + " is not a tier; use t0, t1, t2 or t3", Map.of("key", "qlp.tiers." + entry.getKey()));
            }
            if (entry.getValue() != null) {
                tiers.put(tier, entry.getValue());
            }
        }
        GenerationSettings generation = root.qlp().generation() == null
                ? new GenerationSettings(null) : root.qlp().generation();
        return new QlpSettings(tiers, generation, root.qlp().dataDir(),
                root.qlp().store() == null ? StoreSettings.defaults() : root.qlp().store(),
                root.qlp().export() == null ? ExportSettings.defaults() : root.qlp().export(),
                root.qlp().memory() == null ? MemorySettings.defaults() : root.qlp().memory(),
                root.qlp().cache() == null ? CacheSettings.defaults() : root.qlp().cache(),
                root.qlp().routing() == null ? RoutingSettings.defaults() : root.qlp().routing(),
                root.qlp().budget() == null ? BudgetSettings.defaults() : root.qlp().budget(),
                root.qlp().orchestration() == null ? OrchestrationSettings.defaults() : root.qlp().orchestration(),
                root.qlp().temporal() == null ? TemporalSettings.defaults() : root.qlp().temporal(),
                root.qlp().decomposition() == null ? DecompositionSettings.defaults() : root.qlp().decomposition(),
                root.qlp().validation() == null ? ValidationSettings.defaults() : root.qlp().validation());
    }

    /**
     * One tier T0 from {@value #ENV_BASE_URL}, {@value #ENV_API_KEY} and {@value #ENV_MODEL}, or empty settings when
     * none of them is set.
     */
    public static QlpSettings fromEnvironment(Map<String, String> environment) {
        String baseUrl = environment.get(ENV_BASE_URL);
        String apiKey = environment.get(ENV_API_KEY);
        String model = environment.get(ENV_MODEL);
        if (baseUrl == null && apiKey == null && model == null) {
            return empty();
        }
        Map<Tier, TierSettings> tiers = new LinkedHashMap<>();
        tiers.put(Tier.T0, new TierSettings("openai", baseUrl, apiKey, null, model, null, null, null, null, null,
                null));
        return new QlpSettings(tiers, new GenerationSettings(null));
    }
}
