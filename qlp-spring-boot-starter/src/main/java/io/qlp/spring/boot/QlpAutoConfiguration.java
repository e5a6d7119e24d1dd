package io.qlp.spring.boot;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.qlp.api.ProgressListener;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.Validator;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.CompositeValidator;
import io.qlp.core.cache.DefaultEmbeddings;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.SemanticCache;
import io.qlp.core.config.CacheSettings;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.StoreSettings;
import io.qlp.spring.boot.internal.GenerationObserver;
import io.qlp.spring.boot.internal.ObservedCapsuleStore;
import io.qlp.spring.boot.internal.ObservedValidator;
import io.qlp.spring.boot.internal.OnTiersConfiguredCondition;
import io.qlp.spring.boot.internal.ProgressListeners;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Builds a {@link CapsuleGenerator} from the {@code qlp.*} keys: its tiers and loop through
 * {@link GeneratorFactory#builderFrom}, and beans for every part, each of which an application replaces by defining
 * its own bean of that type:
 * <ul>
 *   <li>{@link QlpSettings}: the bound {@link QlpProperties} in the form the rest of QLP reads;</li>
 *   <li>{@link CapsuleStore}: {@code qlp.store} through {@link GeneratorFactory#openStore} (the embedded H2 file by
 *       default; {@link QlpJdbcStoreAutoConfiguration} puts it on the application's {@code DataSource});</li>
 *   <li>{@link MemoryStore} and the embedding model, when memory or the semantic cache is on;</li>
 *   <li>{@link ExactCache} (local; {@link QlpRedisAutoConfiguration} makes it shared) and {@link SemanticCache};</li>
 *   <li>the validators: every {@link Validator} found on the class path, configured by {@code qlp.validation},
 *       unless the application has {@link Validator} beans, which are then used together.</li>
 * </ul>
 * The router is a {@link TierRouter} bean when the application defines one, else the one {@code qlp.routing.router}
 * names (default {@code complexity}); setting both is a configuration error, since the two choices clash.
 * The generator bean exists only when at least one {@code qlp.tiers.tN} is configured. Every
 * {@link io.qlp.api.ProgressListener} bean hears its progress, and every {@link CapsuleGeneratorCustomizer} bean
 * changes its builder last.
 *
 * <p>Example: {@code @Autowired CapsuleGenerator generator;} after setting {@code qlp.tiers.t0.model} and friends.
 */
@AutoConfiguration
@ConditionalOnClass(CapsuleGenerator.class)
@EnableConfigurationProperties(QlpProperties.class)
public class QlpAutoConfiguration {

    /** The bound properties as the settings {@link GeneratorFactory} reads. */
    @Bean
    @ConditionalOnMissingBean
    public QlpSettings qlpSettings(QlpProperties properties) {
        return properties.toSettings();
    }

    /** The store {@code qlp.store} names; closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    public CapsuleStore qlpCapsuleStore(QlpSettings settings, Environment environment) {
        return GeneratorFactory.openStore(settings, lookup(environment));
    }

    /** The in-process all-MiniLM-L6-v2 model; lazy, since loading it takes a second or two. */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    @Conditional(MemoryNeeded.class)
    public EmbeddingModel qlpEmbeddingModel() {
        return DefaultEmbeddings.allMiniLmL6V2();
    }

    /** The memory store {@code qlp.memory.store} names, under {@code qlp.data-dir}; closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(MemoryNeeded.class)
    public MemoryStore qlpMemoryStore(QlpSettings settings, Environment environment) {
        Function<String, String> lookup = lookup(environment);
        return settings.memory().open(StoreSettings.dataDir(settings.dataDir(), lookup), lookup);
    }

    /** The exact cache in this process (Caffeine), with {@code qlp.cache.exact.ttl}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "qlp.cache.exact.enabled", matchIfMissing = true)
    public ExactCache qlpExactCache(QlpSettings settings) {
        CacheSettings cache = settings.cache();
        // Redis is QlpRedisAutoConfiguration's part; this bean is the local cache whatever the URL says.
        return new CacheSettings(cache.exact(), cache.semantic(), null).openExactCache();
    }

    /** The semantic cache, in the memory store, with {@code qlp.cache.semantic.threshold}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("qlp.cache.semantic.enabled")
    public SemanticCache qlpSemanticCache(QlpSettings settings, MemoryStore memoryStore,
                                          EmbeddingModel embeddingModel) {
        return SemanticCache.builder().store(memoryStore).embeddingModel(embeddingModel)
                .threshold(settings.cache().semanticThreshold()).build();
    }

    /**
     * Every validator registered through {@code ValidatorFactory} on the class path but those
     * {@code qlp.validation.disabled} names, each with its {@code qlp.validation.validators.<name>.*} properties.
     */
    @Bean
    @ConditionalOnMissingBean(Validator.class)
    public CompositeValidator qlpValidator(QlpSettings settings) {
        return CompositeValidator.discover(settings.validation());
    }

    /** The generator, from {@code qlp.*}, the part beans, the listeners and the customizers. */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnTiersConfiguredCondition.class)
    public CapsuleGenerator capsuleGenerator(QlpSettings settings, Environment environment, CapsuleStore store,
                                             ObjectProvider<TierRouter> router,
                                             ObjectProvider<Validator> validators,
                                             ObjectProvider<MemoryStore> memoryStore,
                                             ObjectProvider<EmbeddingModel> embeddingModel,
                                             ObjectProvider<ExactCache> exactCache,
                                             ObjectProvider<SemanticCache> semanticCache,
                                             ObjectProvider<ProgressListener> listeners,
                                             ObjectProvider<GenerationObserver> observers,
                                             ObjectProvider<CapsuleGeneratorCustomizer> customizers) {
        CapsuleGenerator.Builder builder = GeneratorFactory.builderFrom(settings, lookup(environment),
                router.getIfAvailable());
        List<GenerationObserver> watching = observers.orderedStream().toList();
        builder.store(watching.isEmpty() ? store : new ObservedCapsuleStore(store, watching));
        Validator validator = CompositeValidator.of(validators.orderedStream().toList());
        builder.validator(watching.isEmpty() ? validator : new ObservedValidator(validator, watching));
        if (settings.memory().isEnabled()) {
            memoryStore.ifAvailable(memory -> builder.memory(memory, embeddingModel.getObject()));
        }
        exactCache.ifAvailable(builder::exactCache);
        semanticCache.ifAvailable(builder::semanticCache);
        List<ProgressListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            builder.listener(ProgressListeners.all(all));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** Environment lookups ({@code api-key-env}, {@code QLP_DATA_DIR}) go through Spring's environment. */
    static Function<String, String> lookup(Environment environment) {
        return environment::getProperty;
    }

    /** Memory is on (the default), or the semantic cache, which lives in the memory store, is. */
    static final class MemoryNeeded extends AnyNestedCondition {

        MemoryNeeded() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBooleanProperty(name = "qlp.memory.enabled", matchIfMissing = true)
        static final class MemoryEnabled {
        }

        @ConditionalOnBooleanProperty("qlp.cache.semantic.enabled")
        static final class SemanticCacheEnabled {
        }
    }
}
