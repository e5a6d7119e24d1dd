package io.qlp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QlpSettingsTest {

    static Map<String, Object> tree(Map<String, Object> tiers) {
        return Map.of("qlp", Map.of("tiers", tiers, "generation", Map.of("max-attempts", 4)));
    }

    @Test
    void should_bind_every_tier_key_when_written_in_kebab_case() {
        QlpSettings settings = QlpSettings.fromMap(tree(Map.of("t0", Map.of("provider", "openai",
                "base-url", "http://127.0.0.1:8080/v1", "api-key", "x", "model", "small", "timeout", "PT30S",
                "max-retries", 1, "temperature", 0.2, "max-output-tokens", 2048,
                "input-usd-per-1k-tokens", 0.0005, "output-usd-per-1k-tokens", 0.0015))));

        TierSettings t0 = settings.tiers().get(Tier.T0);
        assertThat(t0.baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
        assertThat(t0.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t0.maxRetries()).isEqualTo(1);
        assertThat(t0.maxOutputTokens()).isEqualTo(2048);
        assertThat(t0.inputUsdPer1kTokens()).isEqualByComparingTo(new BigDecimal("0.0005"));
        assertThat(t0.outputUsdPer1kTokens()).isEqualByComparingTo(new BigDecimal("0.0015"));
        assertThat(settings.generation().maxAttempts()).isEqualTo(4);
    }

    @Test
    void should_leave_the_api_key_out_when_tier_settings_are_printed() {
        TierSettings tier = new TierSettings("openai", "http://127.0.0.1:1/v1", "sk-secret-123", null, "small",
                null, null, null, null, null, null);

        assertThat(tier.toString()).doesNotContain("sk-secret-123").contains("apiKey=***").contains("model=small");
    }

    @Test
    void should_name_the_key_when_a_key_is_unknown() {
        assertThatThrownBy(() -> QlpSettings.fromMap(tree(Map.of("t0", Map.of("modle", "small")))))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("modle");
                });
    }

    @Test
    void should_reject_a_tier_name_that_is_no_tier() {
        assertThatThrownBy(() -> QlpSettings.fromMap(tree(Map.of("t9", Map.of("model", "small")))))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.details()).containsEntry("key", "qlp.tiers.t9"));
    }

    @Test
    void should_configure_one_tier_when_environment_variables_are_set() {
        QlpSettings settings = QlpSettings.fromEnvironment(Map.of(QlpSettings.ENV_BASE_URL, "http://127.0.0.1:1/v1",
                QlpSettings.ENV_API_KEY, "k", QlpSettings.ENV_MODEL, "m"));

        assertThat(settings.tiers()).containsOnlyKeys(Tier.T0);
        assertThat(settings.tiers().get(Tier.T0).model()).isEqualTo("m");
        assertThat(QlpSettings.fromEnvironment(Map.of()).tiers()).isEmpty();
    }

    @Test
    void should_build_a_generator_with_the_configured_tiers_and_prices() {
        QlpSettings settings = QlpSettings.fromMap(tree(Map.of(
                "t0", Map.of("base-url", "http://127.0.0.1:1/v1", "api-key", "x", "model", "small",
                        "input-usd-per-1k-tokens", 1, "output-usd-per-1k-tokens", 2),
                "t2", Map.of("base-url", "http://127.0.0.1:1/v1", "api-key-env", "MY_KEY", "model", "big"))));

        CapsuleGenerator generator = GeneratorFactory.builderFrom(settings, Map.of("MY_KEY", "secret")::get).build();

        assertThat(generator.tiers()).containsOnlyKeys(Tier.T0, Tier.T2);
        assertThat(generator.tiers().get(Tier.T0).pricing().cost(1000, 1000)).isEqualByComparingTo("3");
        assertThat(generator.tiers().get(Tier.T2).modelName()).isEqualTo("big");
    }

    @Test
    void should_name_the_missing_key_when_a_tier_has_no_model_or_key() {
        QlpSettings noModel = QlpSettings.fromMap(tree(Map.of("t0", Map.of("api-key", "x"))));
        QlpSettings noKey = QlpSettings.fromMap(tree(Map.of("t1", Map.of("model", "m", "api-key-env", "UNSET_VAR"))));
        QlpSettings otherProvider = QlpSettings.fromMap(tree(Map.of("t0", Map.of("provider", "carrier-pigeon",
                "model", "m", "api-key", "x"))));

        assertThatThrownBy(() -> GeneratorFactory.builderFrom(noModel, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.details()).containsEntry("key", "qlp.tiers.t0.model"));
        assertThatThrownBy(() -> GeneratorFactory.builderFrom(noKey, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.getMessage()).contains("UNSET_VAR"));
        assertThatThrownBy(() -> GeneratorFactory.builderFrom(otherProvider, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.getMessage()).contains("carrier-pigeon"));
    }
}
