package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.TierRouterFactory;
import io.qlp.core.BudgetLedger;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.GenerationStrategy;
import io.qlp.core.ModelPricing;
import io.qlp.core.TierModel;
import io.qlp.core.provider.ChatModels;
import io.qlp.core.provider.ModelEndpoint;
import io.qlp.core.provider.ModelProvider;
import io.qlp.core.resilience.CallResilience;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Turns the {@code qlp.tiers}, {@code qlp.routing} and {@code qlp.budget} settings into generator options. */
final class RoutingWiring {

    private RoutingWiring() {
    }

    /** Applies router ({@code custom} when given), strategy, resilience and budgets to {@code builder}. */
    static void apply(CapsuleGenerator.Builder builder, QlpSettings settings, @Nullable TierRouter custom) {
        RoutingSettings routing = settings.routing();
        if (custom != null && routing.router() != null && !routing.router().isBlank()) {
            throw configuration("qlp.routing.router", "qlp.routing.router is set to '" + routing.router().trim()
                    + "' and a router object (" + custom + ") was given too; keep one of them");
        }
        builder.router(custom != null ? custom : router(routing));
        builder.strategy(strategy(routing));
        builder.resilience(resilience(settings));
        BudgetSettings budget = settings.budget();
        if (budget.maxUsdPerRequest() != null) {
            guard("qlp.budget.max-usd-per-request", () -> builder.maxBudgetUsdPerRequest(budget.maxUsdPerRequest()));
        }
        if (budget.dailyUsdPerKey() != null) {
            guard("qlp.budget.daily-usd-per-key",
                    () -> builder.budgetLedger(BudgetLedger.inMemory(budget.dailyUsdPerKey())));
        }
    }

    /** The model of one tier, built by {@link ChatModels}; errors name tier, provider and key. */
    static TierModel tierModel(Tier tier, TierSettings settings, Function<String, String> environment) {
        String prefix = "qlp.tiers." + tier.name().toLowerCase(Locale.ROOT) + ".";
        ModelProvider provider;
        try {
            provider = settings.provider() == null ? ModelProvider.OPENAI : ModelProvider.parse(settings.provider());
        } catch (IllegalArgumentException e) {
            throw configuration(prefix + "provider", tier + ": " + e.getMessage());
        }
        String where = tier + " (" + provider.id() + "): ";
        if (settings.model() == null || settings.model().isBlank()) {
            throw configuration(prefix + "model", where + prefix + "model must name the model, such as gpt-4o-mini");
        }
        if (provider.needsBaseUrl() && (settings.baseUrl() == null || settings.baseUrl().isBlank())) {
            throw configuration(prefix + "base-url", where + prefix + "base-url is required, such as "
                    + "https://RESOURCE.openai.azure.com/openai/v1");
        }
        ModelEndpoint endpoint;
        try {
            endpoint = ModelEndpoint.builder(provider, settings.model())
                    .baseUrl(settings.baseUrl())
                    .apiKey(apiKey(prefix, where, provider, settings, environment))
                    .timeout(settings.timeout() == null ? ModelEndpoint.DEFAULT_TIMEOUT : settings.timeout())
                    .temperature(settings.temperature())
                    .maxOutputTokens(settings.maxOutputTokens())
                    .build();
        } catch (IllegalArgumentException e) {
            throw configuration(prefix + keyOf(e.getMessage()), where + e.getMessage());
        }
        ModelPricing pricing;
        try {
            pricing = new ModelPricing(orZero(settings.inputUsdPer1kTokens()), orZero(settings.outputUsdPer1kTokens()));
        } catch (IllegalArgumentException e) {
            throw configuration(prefix + (e.getMessage().startsWith("input") ? "input" : "output")
                    + "-usd-per-1k-tokens", where + e.getMessage());
        }
        return new TierModel(ChatModels.chatModel(endpoint), settings.model(), pricing);
    }

    private static @Nullable String apiKey(String prefix, String where, ModelProvider provider, TierSettings settings,
                                           Function<String, String> environment) {
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            return settings.apiKey();
        }
        if (settings.apiKeyEnv() != null) {
            String fromEnvironment = environment.apply(settings.apiKeyEnv());
            if (fromEnvironment == null || fromEnvironment.isBlank()) {
                throw configuration(prefix + "api-key-env", where + "environment variable " + settings.apiKeyEnv()
                        + " named by " + prefix + "api-key-env is not set");
            }
            return fromEnvironment;
        }
        if (!provider.needsApiKey()) {
            return null;
        }
        throw configuration(prefix + "api-key", where + prefix + "api-key or " + prefix
                + "api-key-env must be set (any non-empty value for servers that need no key)");
    }

    private static String keyOf(@Nullable String message) {
        String text = message == null ? "" : message;
        if (text.startsWith("timeout")) {
            return "timeout";
        }
        if (text.startsWith("temperature")) {
            return "temperature";
        }
        if (text.startsWith("max output tokens")) {
            return "max-output-tokens";
        }
        if (text.startsWith("base URL")) {
            return "base-url";
        }
        return "model";
    }

    private static TierRouter router(RoutingSettings routing) {
        String name = routing.routerName();
        TierRouterFactory factory;
        try {
            factory = ServiceProviders.load(TierRouterFactory.class, name);
        } catch (QlpException e) {
            throw configuration("qlp.routing.router", "qlp.routing.router: " + e.rawMessage());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Object> configured = routing.propertiesOf(name);
        if (configured != null) {
            flatten("", configured, properties);
        }
        try {
            return factory.create(ProviderConfig.of(properties));
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.routing." + name, "qlp.routing." + name + ": " + e.getMessage());
        }
    }

    /** YAML nests {@code thresholds: {t1: 0.2}}; routers read {@code thresholds.t1}. */
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> into) {
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                Map<String, Object> typed = new LinkedHashMap<>();
                nested.forEach((k, v) -> typed.put(String.valueOf(k), v));
                flatten(prefix + key + ".", typed, into);
            } else if (value instanceof java.util.List<?> list) {
                into.put(prefix + key, String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (value != null) {
                into.put(prefix + key, String.valueOf(value));
            }
        });
    }

    private static GenerationStrategy strategy(RoutingSettings routing) {
        String name = routing.strategy() == null ? "single" : routing.strategy().trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "single" -> GenerationStrategy.singleModel();
            case "ensemble" -> GenerationStrategy.ensemble();
            default -> throw configuration("qlp.routing.strategy", "qlp.routing.strategy must be 'single' or "
                    + "'ensemble', was '" + routing.strategy() + "'");
        };
    }

    private static CallResilience resilience(QlpSettings settings) {
        CallResilience.Builder builder = CallResilience.builder();
        settings.tiers().forEach((tier, tierSettings) -> {
            if (tierSettings.maxRetries() != null) {
                guard("qlp.tiers." + tier.name().toLowerCase(Locale.ROOT) + ".max-retries",
                        () -> builder.maxRetries(tier, tierSettings.maxRetries()));
            }
        });
        RoutingSettings routing = settings.routing();
        if (routing.fallbackToNextTier() != null) {
            builder.fallbackToNextTier(routing.fallbackToNextTier());
        }
        RoutingSettings.Retry retry = routing.retry();
        if (retry != null) {
            String at = "qlp.routing.retry.";
            if (retry.initialBackoff() != null) {
                guard(at + "initial-backoff", () -> builder.initialBackoff(retry.initialBackoff()));
            }
            if (retry.maxBackoff() != null) {
                guard(at + "max-backoff", () -> builder.maxBackoff(retry.maxBackoff()));
            }
            if (retry.multiplier() != null) {
                guard(at + "multiplier", () -> builder.backoffMultiplier(retry.multiplier()));
            }
            if (retry.jitter() != null) {
                guard(at + "jitter", () -> builder.jitter(retry.jitter()));
            }
            if (retry.maxRetryAfter() != null) {
                guard(at + "max-retry-after", () -> builder.maxRetryAfter(retry.maxRetryAfter()));
            }
        }
        RoutingSettings.CircuitBreaker breaker = routing.circuitBreaker();
        if (breaker != null) {
            String at = "qlp.routing.circuit-breaker.";
            if (breaker.window() != null || breaker.minimumCalls() != null) {
                int window = breaker.window() == null ? 10 : breaker.window();
                int minimum = breaker.minimumCalls() == null ? Math.min(5, window) : breaker.minimumCalls();
                guard(at + "window", () -> builder.breakerWindow(window, minimum));
            }
            if (breaker.failureRate() != null) {
                guard(at + "failure-rate", () -> builder.breakerFailureRate(breaker.failureRate()));
            }
            if (breaker.openStateWait() != null) {
                guard(at + "open-state-wait", () -> builder.openStateWait(breaker.openStateWait()));
            }
        }
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw configuration("qlp.routing.retry", "qlp.routing.retry: " + e.getMessage());
        }
    }

    private static void guard(String key, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw configuration(key, key + ": " + e.getMessage());
        }
    }

    private static BigDecimal orZero(@Nullable BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static NonRetriableQlpException configuration(String key, String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", key));
    }
}
