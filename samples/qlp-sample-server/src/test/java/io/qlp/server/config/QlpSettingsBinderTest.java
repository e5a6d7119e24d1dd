package io.qlp.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Tier;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.ValidationSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class QlpSettingsBinderTest {

    @Test
    void should_bind_every_section_the_cli_reads_when_keys_are_set() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("qlp.tiers.t0.base-url", "http://127.0.0.1:9/v1")
                .withProperty("qlp.tiers.t0.model", "small")
                .withProperty("qlp.generation.max-attempts", "2")
                .withProperty("qlp.data-dir", "/var/lib/qlp")
                .withProperty("qlp.routing.router", "cascade")
                .withProperty("qlp.routing.fallback-to-next-tier", "false")
                .withProperty("qlp.routing.retry.initial-backoff", "PT0.5S")
                .withProperty("qlp.budget.max-usd-per-request", "0.25")
                .withProperty("qlp.budget.daily-usd-per-key", "10")
                .withProperty("qlp.orchestration", "temporal")
                .withProperty("qlp.temporal.target", "temporal.qlp:7233")
                .withProperty("qlp.temporal.task-queue", "capsules")
                .withProperty("qlp.temporal.sticky-execution", "false")
                .withProperty("qlp.temporal.model-attempts", "3")
                .withProperty("qlp.temporal.worker.enabled", "false")
                .withProperty("qlp.decomposition.enabled", "true")
                .withProperty("qlp.decomposition.max-tasks", "4")
                .withProperty("qlp.server.rate-limit.requests-per-minute", "5");

        QlpSettings settings = QlpSettingsBinder.bind(environment);

        assertThat(settings.tiers()).containsOnlyKeys(Tier.T0);
        assertThat(settings.dataDir()).isEqualTo("/var/lib/qlp");
        assertThat(settings.routing().router()).isEqualTo("cascade");
        assertThat(settings.routing().fallbackToNextTier()).isFalse();
        assertThat(settings.routing().retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.budget().maxUsdPerRequest()).isEqualByComparingTo(new BigDecimal("0.25"));
        assertThat(settings.budget().dailyUsdPerKey()).isEqualByComparingTo(BigDecimal.TEN);
        assertThat(settings.orchestration().isTemporal()).isTrue();
        assertThat(settings.temporal().resolvedTarget()).isEqualTo("temporal.qlp:7233");
        assertThat(settings.temporal().resolvedTaskQueue()).isEqualTo("capsules");
        assertThat(settings.temporal().stickyExecutionEnabled()).isFalse();
        assertThat(settings.temporal().policy().modelAttempts()).isEqualTo(3);
        assertThat(settings.decomposition().enabled()).isTrue();
        assertThat(settings.decomposition().maxTasks()).isEqualTo(4);
    }

    @Test
    void should_keep_sections_when_the_tier_comes_from_qlp_variables() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(QlpSettings.ENV_BASE_URL, "http://127.0.0.1:9/v1")
                .withProperty(QlpSettings.ENV_MODEL, "small")
                .withProperty("qlp.orchestration", "temporal")
                .withProperty("qlp.temporal.target", "temporal.qlp:7233")
                .withProperty("qlp.budget.daily-usd-per-key", "3")
                .withProperty("qlp.decomposition.enabled", "true")
                .withProperty("qlp.routing.strategy", "ensemble");

        QlpSettings settings = QlpSettingsBinder.bind(environment);

        assertThat(settings.tiers()).containsOnlyKeys(Tier.T0);
        assertThat(settings.orchestration().isTemporal()).isTrue();
        assertThat(settings.temporal().resolvedTarget()).isEqualTo("temporal.qlp:7233");
        assertThat(settings.budget().dailyUsdPerKey()).isEqualByComparingTo("3");
        assertThat(settings.decomposition().enabled()).isTrue();
        assertThat(settings.routing().strategy()).isEqualTo("ensemble");
    }

    @Test
    void should_default_to_in_process_when_no_orchestration_is_set() {
        QlpSettings settings = QlpSettingsBinder.bind(new MockEnvironment());

        assertThat(settings.tiers()).isEmpty();
        assertThat(settings.orchestration().isTemporal()).isFalse();
        assertThat(settings.temporal().stickyExecutionEnabled()).isTrue();
        assertThat(QlpSettingsBinder.modelConfigured(new MockEnvironment())).isFalse();
    }

    @Test
    void should_name_the_key_when_orchestration_is_unknown() {
        MockEnvironment environment = new MockEnvironment().withProperty("qlp.orchestration", "kafka");

        assertThatThrownBy(() -> QlpSettingsBinder.bind(environment))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("qlp.orchestration");
    }

    @Test
    void should_reject_unknown_temporal_key_when_it_is_not_the_starters_worker() {
        MockEnvironment environment = new MockEnvironment().withProperty("qlp.temporal.tagret", "x:1");

        assertThatThrownBy(() -> QlpSettingsBinder.bind(environment))
                .isInstanceOf(NonRetriableQlpException.class)
                .hasMessageContaining("tagret");
    }

    @Test
    void should_bind_validation_keys_when_written_as_in_the_cli_yaml() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("qlp.validation.disabled[0]", "security")
                .withProperty("qlp.validation.validators.java.test-timeout", "30s")
                .withProperty("qlp.validation.validators.python.warm-pool", "false")
                .withProperty("qlp.validation.validators.security.disabled-rules[0]", "python.subprocess")
                .withProperty("qlp.validation.validators.security.disabled-rules[1]", "js.eval");

        ValidationSettings validation = QlpSettingsBinder.bind(environment).validation();

        assertThat(validation.disabled()).containsExactly("security");
        assertThat(validation.validators().get("java")).containsExactly(Map.entry("test-timeout", "30s"));
        assertThat(validation.validators().get("python")).containsExactly(Map.entry("warm-pool", "false"));
        assertThat(validation.validators().get("security"))
                .containsExactly(Map.entry("disabled-rules", "python.subprocess,js.eval"));
    }
}
