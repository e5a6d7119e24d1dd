package io.qlp.core.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.ModelPricing;
import io.qlp.core.TierModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds LangChain4j chat models and a {@link CapsuleGenerator.Builder} from {@link QlpSettings}.
 *
 * <p>Example: {@code CapsuleGenerator generator = GeneratorFactory.builderFrom(settings, System::getenv).build();}
 */
public final class GeneratorFactory {

    /** Providers this version can build. */
    public static final String OPENAI = "openai";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final int DEFAULT_MAX_RETRIES = 2;

    private GeneratorFactory() {
    }

    /**
     * A generator builder with every configured tier and the generation settings applied; add stores, validators or
     * listeners before {@code build()}.
     *
     * @param environment looks up environment variables named by {@code api-key-env}
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when no tier is configured or a tier is
     *     incomplete, naming the key
     */
    public static CapsuleGenerator.Builder builderFrom(QlpSettings settings, Function<String, String> environment) {
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
        return builder;
    }

    /** The model of one tier. */
    public static TierModel tierModel(Tier tier, TierSettings settings, Function<String, String> environment) {
        String prefix = "qlp.tiers." + tier.name().toLowerCase(Locale.ROOT) + ".";
        String provider = settings.provider() == null ? OPENAI : settings.provider().trim().toLowerCase(Locale.ROOT);
        if (!provider.equals(OPENAI)) {
            throw configuration(prefix + "provider", "provider '" + settings.provider()
                    + "' is not available in this version; use 'openai' for any OpenAI-compatible endpoint");
        }
        if (settings.model() == null || settings.model().isBlank()) {
            throw configuration(prefix + "model", prefix + "model must name the model, such as gpt-4o-mini");
        }
        String apiKey = apiKey(prefix, settings, environment);
        ChatModel chatModel = openAi(settings, apiKey);
        ModelPricing pricing = new ModelPricing(orZero(settings.inputUsdPer1kTokens()),
                orZero(settings.outputUsdPer1kTokens()));
        return new TierModel(chatModel, settings.model(), pricing);
    }

    private static String apiKey(String prefix, TierSettings settings, Function<String, String> environment) {
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            return settings.apiKey();
        }
        if (settings.apiKeyEnv() != null) {
            String fromEnvironment = environment.apply(settings.apiKeyEnv());
            if (fromEnvironment == null || fromEnvironment.isBlank()) {
                throw configuration(prefix + "api-key-env", "environment variable " + settings.apiKeyEnv()
                        + " named by " + prefix + "api-key-env is not set");
            }
            return fromEnvironment;
        }
        throw configuration(prefix + "api-key", prefix + "api-key or " + prefix
                + "api-key-env must be set (any non-empty value for servers that need no key, such as Ollama)");
    }

    private static ChatModel openAi(TierSettings settings, String apiKey) {
        OpenAiChatModel.OpenAiChatModelBuilder model = OpenAiChatModel.builder()
                .apiKey(apiKey)
                .modelName(settings.model())
                .timeout(settings.timeout() == null ? DEFAULT_TIMEOUT : settings.timeout())
                .maxRetries(settings.maxRetries() == null ? DEFAULT_MAX_RETRIES : settings.maxRetries());
        if (settings.baseUrl() != null && !settings.baseUrl().isBlank()) {
            model.baseUrl(settings.baseUrl());
        }
        if (settings.temperature() != null) {
            model.temperature(settings.temperature());
        }
        if (settings.maxOutputTokens() != null) {
            model.maxTokens(settings.maxOutputTokens());
        }
        return model.build();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static NonRetriableQlpException configuration(String key, String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", key));
    }
}
