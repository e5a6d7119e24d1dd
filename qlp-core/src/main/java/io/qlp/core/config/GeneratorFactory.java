package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Tier;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.MemoryStore;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.cache.DefaultEmbeddings;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.SemanticCache;
import io.qlp.core.TierModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds LangChain4j chat models and a {@link CapsuleGenerator.Builder} from {@link QlpSettings}.
 *
 * <p>Example: {@code CapsuleGenerator generator = GeneratorFactory.builderFrom(settings, System::getenv).build();}
 */
public final class GeneratorFactory {

    /** Providers this version can build. */
    public static final String OPENAI = "openai";


    private GeneratorFactory() {
    }

    /**
     * A generator builder with every configured tier and the generation, routing, decomposition and validation
     * ({@code qlp.validation}, used unless validators are given) settings applied; add stores, validators or
     * listeners before {@code build()}. A {@code qlp.validation} mistake surfaces from {@code build()}.
     *
     * @param environment looks up environment variables named by {@code api-key-env}
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when no tier is configured or a tier is
     *     incomplete, naming the key
     */
    public static CapsuleGenerator.Builder builderFrom(QlpSettings settings, Function<String, String> environment) {
        return builderFrom(settings, environment, null);
    }

    /**
     * Like {@link #builderFrom(QlpSettings, Function)}, routing with {@code router} instead of the router
     * {@code qlp.routing.router} names, when it is given. An application's own router object (a Spring bean, say)
     * comes in this way.
     *
     * @param router the router to use, or {@code null} for the one {@code qlp.routing.router} names
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when {@code router} is given and
     *     {@code qlp.routing.router} is also set, since the two choices clash
     */
    public static CapsuleGenerator.Builder builderFrom(QlpSettings settings, Function<String, String> environment,
                                                       @Nullable TierRouter router) {
        if (settings.tiers().isEmpty()) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "no model tier is configured", Map.of());
        }
        CapsuleGenerator.Builder builder = CapsuleGenerator.builder();
        settings.tiers().forEach((tier, tierSettings) -> builder.tier(tier, tierModel(tier, tierSettings, environment)));
        Integer maxAttempts = settings.generation().maxAttempts();
        if (maxAttempts != null) {
            try {
                builder.maxAttempts(maxAttempts);
            } catch (IllegalArgumentException e) {
                throw new NonRetriableQlpException(ErrorCode.CONFIGURATION,
                        "qlp.generation.max-attempts: " + e.getMessage(), Map.of("key", "qlp.generation.max-attempts"));
            }
        }
        RoutingWiring.apply(builder, settings, router);
        builder.decomposition(settings.decomposition().toDecomposition());
        builder.validation(settings.validation());
        return builder;
    }

    /**
     * Opens the capsule store {@code qlp.store} names: the embedded H2 file under the data folder (default), a
     * database server ({@code jdbc}) or memory. A database store is read through the cache {@code qlp.store.cache}
     * describes (on by default; see {@link StoreSettings.Cache}). The caller closes it; hand it to the generator with
     * {@code builder.store(store)}.
     *
     * @param environment looks up {@code QLP_DATA_DIR} and the variable named by {@code qlp.store.password-env}
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when a value is invalid
     * @throws io.qlp.api.RetriableQlpException with {@link ErrorCode#STORE_FAILURE} when the database cannot be opened
     */
    public static CapsuleStore openStore(QlpSettings settings, Function<String, String> environment) {
        StoreSettings store = settings.store();
        String type = store.resolvedType();
        ProviderConfig config = store.providerConfig(StoreSettings.dataDir(settings.dataDir(), environment),
                environment);
        CapsuleStore opened;
        try {
            opened = ServiceProviders.load(CapsuleStoreFactory.class, type).create(config);
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.store", "qlp.store: " + e.getMessage());
        }
        if (type.equals(StoreSettings.IN_MEMORY)) {
            return opened;
        }
        try {
            return store.withCache(opened);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * Adds memory ({@code qlp.memory}) and caches ({@code qlp.cache}) to {@code builder}: the memory store under
     * {@code qlp.data-dir}, the exact cache (local, or Redis when {@code qlp.cache.redis.url} is set) and, when
     * enabled, the semantic cache in the same memory store. Memory and the semantic cache embed with the in-process
     * all-MiniLM-L6-v2 model. Close what this returns after the generator's last use.
     *
     * @param environment looks up {@code QLP_DATA_DIR} and the variable named by {@code qlp.memory.qdrant.api-key-env}
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when a value is invalid
     */
    public static AutoCloseable addMemoryAndCaches(CapsuleGenerator.Builder builder, QlpSettings settings,
                                                   Function<String, String> environment) {
        List<AutoCloseable> opened = new ArrayList<>();
        MemorySettings memory = settings.memory();
        CacheSettings cache = settings.cache();
        double threshold = cache.semanticThreshold();
        MemoryStore memoryStore = null;
        if (memory.isEnabled() || cache.semanticEnabled()) {
            try {
                memoryStore = memory.open(StoreSettings.dataDir(settings.dataDir(), environment), environment);
                opened.add(memoryStore);
            } catch (io.qlp.api.RetriableQlpException e) {
                // Memory only helps: a store that is busy or down must not stop generation.
                org.slf4j.LoggerFactory.getLogger(GeneratorFactory.class)
                        .warn("generating without memory and semantic cache: {}", e.getMessage());
            }
        }
        if (memoryStore != null && memory.isEnabled()) {
            builder.memory(memoryStore, DefaultEmbeddings.allMiniLmL6V2());
        }
        if (cache.exactEnabled()) {
            ExactCache exact = cache.openExactCache();
            opened.add(exact);
            builder.exactCache(exact);
        }
        if (memoryStore != null && cache.semanticEnabled()) {
            builder.semanticCache(SemanticCache.builder().store(memoryStore)
                    .embeddingModel(DefaultEmbeddings.allMiniLmL6V2()).threshold(threshold).build());
        }
        return () -> {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        };
    }

    /**
     * The model of one tier, built by {@link io.qlp.core.provider.ChatModels} for the tier's {@code provider}:
     * {@code openai}, {@code azure-openai}, {@code anthropic}, {@code ollama} or {@code gemini}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming tier, provider and key
     */
    public static TierModel tierModel(Tier tier, TierSettings settings, Function<String, String> environment) {
        return RoutingWiring.tierModel(tier, settings, environment);
    }

    private static NonRetriableQlpException configuration(String key, String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", key));
    }
}
