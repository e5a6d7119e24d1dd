package io.qlp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.testing.LoopbackAnthropicServer;
import io.qlp.core.testing.LoopbackOllamaServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code qlp.tiers.tN.provider}, {@code qlp.routing} and {@code qlp.budget} keys, through the factory. */
class RoutingSettingsTest {

    static Map<String, Object> config(Map<String, Object> tiers, Map<String, Object> more) {
        Map<String, Object> qlp = new LinkedHashMap<>(more);
        qlp.put("tiers", tiers);
        return Map.of("qlp", qlp);
    }

    static Map<String, Object> tier(String provider, String model, String baseUrl) {
        return Map.of("provider", provider, "model", model, "base-url", baseUrl, "api-key", "k");
    }

    static QlpException configurationError(Map<String, Object> tree) {
        try {
            GeneratorFactory.builderFrom(QlpSettings.fromMap(tree), Map.<String, String>of()::get);
        } catch (QlpException e) {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
            return e;
        }
        throw new AssertionError("expected a configuration error");
    }

    @Test
    void should_read_routing_and_budget_sections_with_defaults_for_what_is_missing() {
        QlpSettings settings = QlpSettings.fromMap(config(Map.of("t0", tier("openai", "m", "http://127.0.0.1:1/v1")),
                Map.of("routing", Map.of("router", "cascade", "cascade", Map.of("ladder", List.of("T0", "T2")),
                                "strategy", "ensemble", "fallback-to-next-tier", false,
                                "retry", Map.of("initial-backoff", "PT0.2S", "jitter", 0.25),
                                "circuit-breaker", Map.of("window", 20, "open-state-wait", "PT10S")),
                        "budget", Map.of("max-usd-per-request", "0.50", "daily-usd-per-key", 20))));

        assertThat(settings.routing().routerName()).isEqualTo("cascade");
        assertThat(settings.routing().propertiesOf("cascade")).containsEntry("ladder", List.of("T0", "T2"));
        assertThat(settings.routing().retry().initialBackoff()).hasMillis(200);
        assertThat(settings.routing().circuitBreaker().window()).isEqualTo(20);
        assertThat(settings.budget().maxUsdPerRequest()).isEqualByComparingTo("0.50");
        assertThat(settings.budget().dailyUsdPerKey()).isEqualByComparingTo("20");
        assertThat(QlpSettings.empty().routing().routerName()).isEqualTo("complexity");
        assertThat(GeneratorFactory.builderFrom(settings, Map.<String, String>of()::get).build().tiers())
                .containsOnlyKeys(Tier.T0);
    }

    @Test
    void should_name_tier_provider_and_key_when_a_tier_is_misconfigured() {
        QlpException unknown = configurationError(config(Map.of("t1", tier("carrier-pigeon", "m", "http://x")), Map.of()));
        assertThat(unknown.details()).containsEntry("key", "qlp.tiers.t1.provider");
        assertThat(unknown.getMessage()).contains("T1").contains("carrier-pigeon").contains("anthropic");

        QlpException azure = configurationError(config(Map.of("t2", Map.of("provider", "azure-openai",
                "model", "deployment", "api-key", "k")), Map.of()));
        assertThat(azure.details()).containsEntry("key", "qlp.tiers.t2.base-url");
        assertThat(azure.getMessage()).contains("T2 (azure-openai)");

        QlpException anthropic = configurationError(config(Map.of("t3", Map.of("provider", "anthropic",
                "model", "claude")), Map.of()));
        assertThat(anthropic.details()).containsEntry("key", "qlp.tiers.t3.api-key");
        assertThat(anthropic.getMessage()).contains("T3 (anthropic)");

        QlpException temperature = configurationError(config(Map.of("t0", Map.of("provider", "gemini",
                "model", "gemini-2.5-flash", "api-key", "k", "temperature", 7.5)), Map.of()));
        assertThat(temperature.details()).containsEntry("key", "qlp.tiers.t0.temperature");
        assertThat(temperature.getMessage()).contains("7.5");
    }

    @Test
    void should_name_the_routing_key_when_a_router_strategy_or_retry_value_is_wrong() {
        Map<String, Object> tiers = Map.of("t0", tier("openai", "m", "http://127.0.0.1:1/v1"));
        assertThat(configurationError(config(tiers, Map.of("routing", Map.of("router", "psychic")))).details())
                .containsEntry("key", "qlp.routing.router");
        assertThat(configurationError(config(tiers, Map.of("routing", Map.of("strategy", "committee")))).details())
                .containsEntry("key", "qlp.routing.strategy");
        assertThat(configurationError(config(tiers, Map.of("routing", Map.of("retry", Map.of("jitter", 3))))).details())
                .containsEntry("key", "qlp.routing.retry.jitter");
        assertThat(configurationError(config(tiers, Map.of("routing", Map.of("complexity",
                Map.of("thresholds", Map.of("t1", 0.9, "t2", 0.5, "t3", 0.7)))))).details())
                .containsEntry("key", "qlp.routing.complexity");
        assertThat(configurationError(config(Map.of("t0", Map.of("model", "m", "api-key", "k", "max-retries", 99)),
                Map.of())).details()).containsEntry("key", "qlp.tiers.t0.max-retries");
        assertThat(configurationError(config(tiers, Map.of("budget", Map.of("max-usd-per-request", -1)))).details())
                .containsEntry("key", "qlp.budget.max-usd-per-request");
    }

    @Test
    void should_build_anthropic_and_ollama_tiers_that_answer_on_the_wire() {
        try (LoopbackAnthropicServer anthropic = LoopbackAnthropicServer.start();
             LoopbackOllamaServer ollama = LoopbackOllamaServer.start()) {
            anthropic.enqueue(anthropic.message(io.qlp.core.RoutingFixtures.RIGHT, 300, 200));
            Map<String, Object> ollamaTier = Map.of("provider", "ollama", "model", "qwen2.5-coder",
                    "base-url", ollama.baseUrl());
            Map<String, Object> anthropicTier = Map.of("provider", "anthropic", "model", "claude",
                    "base-url", anthropic.baseUrl(), "api-key-env", "ANTHROPIC_KEY",
                    "input-usd-per-1k-tokens", 0.003, "output-usd-per-1k-tokens", 0.015);
            QlpSettings settings = QlpSettings.fromMap(config(Map.of("t0", ollamaTier, "t2", anthropicTier),
                    Map.of("routing", Map.of("router", "learned"))));
            CapsuleGenerator generator = GeneratorFactory.builderFrom(settings,
                    Map.of("ANTHROPIC_KEY", "secret")::get).build();

            Capsule capsule = generator.generate(CapsuleRequest.builder()
                    .description(io.qlp.core.RoutingFixtures.DESCRIPTION).tierOverride(Tier.T2).build());

            assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
            assertThat(capsule.usage().perTier()).singleElement().satisfies(used -> {
                assertThat(used.tier()).isEqualTo(Tier.T2);
                // 300 * 0.003 / 1000 + 200 * 0.015 / 1000
                assertThat(used.costUsd()).isEqualByComparingTo("0.0039");
            });
            assertThat(anthropic.received().get(0).header("x-api-key")).isEqualTo("secret");
            assertThat(ollama.received()).isEmpty();
        }
    }
}
