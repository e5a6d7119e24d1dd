package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.RoutingSettings;
import io.qlp.core.config.StoreSettings;
import io.qlp.core.config.TemporalSettings;
import io.qlp.core.decompose.Decomposition;
import io.qlp.core.config.TierSettings;
import io.qlp.core.config.ValidationSettings;
import io.qlp.core.store.CachingCapsuleStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The {@code qlp.*} keys bind as the CLI reads them, and turn into the same {@link QlpSettings}. */
class QlpPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QlpProperties.class)
    static class PropertiesOnly {
    }

    @Test
    void should_bind_tier_keys_when_written_as_in_the_cli_yaml() {
        runner.withPropertyValues(
                        "qlp.tiers.t0.provider=openai",
                        "qlp.tiers.t0.base-url=http://127.0.0.1:9/v1",
                        "qlp.tiers.t0.api-key=x",
                        "qlp.tiers.t0.model=small",
                        "qlp.tiers.t0.timeout=PT45S",
                        "qlp.tiers.t0.max-retries=1",
                        "qlp.tiers.t0.temperature=0.2",
                        "qlp.tiers.t0.max-output-tokens=2048",
                        "qlp.tiers.t0.input-usd-per-1k-tokens=0.0005",
                        "qlp.tiers.t0.output-usd-per-1k-tokens=0.0015",
                        "qlp.tiers.t2.api-key-env=OPENAI_API_KEY",
                        "qlp.tiers.t2.model=gpt-4o",
                        "qlp.tiers.t2.timeout=90s")
                .run(context -> {
                    QlpSettings settings = context.getBean(QlpProperties.class).toSettings();
                    assertThat(settings.tiers()).containsOnlyKeys(Tier.T0, Tier.T2);
                    TierSettings t0 = settings.tiers().get(Tier.T0);
                    assertThat(t0.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
                    assertThat(t0.timeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(t0.maxRetries()).isEqualTo(1);
                    assertThat(t0.temperature()).isEqualTo(0.2);
                    assertThat(t0.maxOutputTokens()).isEqualTo(2048);
                    assertThat(t0.inputUsdPer1kTokens()).isEqualByComparingTo("0.0005");
                    assertThat(t0.outputUsdPer1kTokens()).isEqualByComparingTo(new BigDecimal("0.0015"));
                    TierSettings t2 = settings.tiers().get(Tier.T2);
                    assertThat(t2.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
                    assertThat(t2.timeout()).isEqualTo(Duration.ofSeconds(90));
                });
    }

    @Test
    void should_bind_generation_store_and_data_dir_keys() {
        runner.withPropertyValues(
                        "qlp.generation.max-attempts=5",
                        "qlp.data-dir=/var/lib/qlp",
                        "qlp.store.type=in-memory",
                        "qlp.store.jdbc-url=jdbc:postgresql://127.0.0.1:5432/qlp",
                        "qlp.store.username=qlp",
                        "qlp.store.password-env=QLP_DB_PASSWORD",
                        "qlp.store.schema=capsules",
                        "qlp.store.maximum-pool-size=7",
                        "qlp.store.connection-timeout=2s")
                .run(context -> {
                    QlpSettings settings = context.getBean(QlpProperties.class).toSettings();
                    assertThat(settings.generation().maxAttempts()).isEqualTo(5);
                    assertThat(settings.dataDir()).isEqualTo("/var/lib/qlp");
                    assertThat(settings.store().resolvedType()).isEqualTo("in-memory");
                    assertThat(settings.store().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/qlp");
                    assertThat(settings.store().username()).isEqualTo("qlp");
                    assertThat(settings.store().passwordEnv()).isEqualTo("QLP_DB_PASSWORD");
                    assertThat(settings.store().schema()).isEqualTo("capsules");
                    assertThat(settings.store().maximumPoolSize()).isEqualTo(7);
                    assertThat(settings.store().connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void should_bind_memory_cache_and_export_keys() {
        runner.withPropertyValues(
                        "qlp.store.type=in-memory",
                        "qlp.memory.enabled=false",
                        "qlp.memory.store=qdrant",
                        "qlp.memory.qdrant.url=http://127.0.0.1:6334",
                        "qlp.cache.exact.enabled=false",
                        "qlp.cache.exact.ttl=PT2H",
                        "qlp.cache.semantic.threshold=0.9",
                        "qlp.cache.redis.url=redis://127.0.0.1:6379",
                        "qlp.export.signing.algorithm=hmac-sha256",
                        "qlp.export.signing.key-id=ci",
                        "qlp.export.signing.secret-env=QLP_EXPORT_SECRET")
                .run(context -> {
                    QlpSettings settings = context.getBean(QlpProperties.class).toSettings();
                    assertThat(settings.memory().isEnabled()).isFalse();
                    assertThat(settings.memory().resolvedStore()).isEqualTo("qdrant");
                    assertThat(settings.memory().qdrant().url()).isEqualTo("http://127.0.0.1:6334");
                    assertThat(settings.cache().exactEnabled()).isFalse();
                    assertThat(settings.cache().exact().ttl()).isEqualTo(Duration.ofHours(2));
                    assertThat(settings.cache().semanticEnabled()).isFalse();
                    assertThat(settings.cache().semanticThreshold()).isEqualTo(0.9);
                    assertThat(settings.cache().redis().url()).isEqualTo("redis://127.0.0.1:6379");
                    assertThat(settings.export().signing().algorithm()).isEqualTo("hmac-sha256");
                    assertThat(settings.export().signing().keyId()).isEqualTo("ci");
                    assertThat(settings.export().signing().secretEnv()).isEqualTo("QLP_EXPORT_SECRET");
                });
    }

    @Test
    void should_bind_routing_budget_and_decomposition_keys() {
        runner.withPropertyValues(
                        "qlp.routing.router=cascade",
                        "qlp.routing.cascade.ladder[0]=T0",
                        "qlp.routing.cascade.ladder[1]=T2",
                        "qlp.routing.cascade.failures-before-escalation=1",
                        "qlp.routing.complexity.thresholds.t1=0.2",
                        "qlp.routing.strategy=ensemble",
                        "qlp.routing.fallback-to-next-tier=false",
                        "qlp.routing.retry.initial-backoff=250ms",
                        "qlp.routing.retry.jitter=0.1",
                        "qlp.routing.circuit-breaker.window=20",
                        "qlp.routing.circuit-breaker.failure-rate=25",
                        "qlp.budget.max-usd-per-request=0.50",
                        "qlp.budget.daily-usd-per-key=20",
                        "qlp.decomposition.enabled=true",
                        "qlp.decomposition.max-tasks=4")
                .run(context -> {
                    QlpSettings settings = context.getBean(QlpProperties.class).toSettings();
                    RoutingSettings routing = settings.routing();
                    assertThat(routing.routerName()).isEqualTo("cascade");
                    assertThat(routing.propertiesOf("cascade")).containsEntry("ladder", "T0,T2")
                            .containsEntry("failures-before-escalation", "1");
                    assertThat(routing.propertiesOf("complexity")).containsEntry("thresholds.t1", "0.2");
                    assertThat(routing.strategy()).isEqualTo("ensemble");
                    assertThat(routing.fallbackToNextTier()).isFalse();
                    assertThat(routing.retry().initialBackoff()).isEqualTo(Duration.ofMillis(250));
                    assertThat(routing.retry().jitter()).isEqualTo(0.1);
                    assertThat(routing.circuitBreaker().window()).isEqualTo(20);
                    assertThat(routing.circuitBreaker().failureRate()).isEqualTo(25f);
                    assertThat(settings.budget().maxUsdPerRequest()).isEqualByComparingTo("0.50");
                    assertThat(settings.budget().dailyUsdPerKey()).isEqualByComparingTo("20");
                    assertThat(settings.decomposition().enabled()).isTrue();
                    assertThat(settings.decomposition().maxTasks()).isEqualTo(4);
                });
    }

    @Test
    void should_bind_orchestration_and_temporal_keys() {
        runner.withPropertyValues(
                        "qlp.orchestration=temporal",
                        "qlp.temporal.target=127.0.0.1:7299",
                        "qlp.temporal.namespace=qlp",
                        "qlp.temporal.task-queue=capsules",
                        "qlp.temporal.heartbeat-timeout=5s",
                        "qlp.temporal.model-attempts=2",
                        "qlp.temporal.worker.enabled=false")
                .run(context -> {
                    QlpProperties properties = context.getBean(QlpProperties.class);
                    QlpSettings settings = properties.toSettings();
                    assertThat(settings.orchestration().isTemporal()).isTrue();
                    assertThat(settings.temporal().resolvedTarget()).isEqualTo("127.0.0.1:7299");
                    assertThat(settings.temporal().resolvedNamespace()).isEqualTo("qlp");
                    assertThat(settings.temporal().resolvedTaskQueue()).isEqualTo("capsules");
                    assertThat(settings.temporal().policy().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(settings.temporal().policy().modelAttempts()).isEqualTo(2);
                    assertThat(properties.temporal().worker().enabled()).isFalse();
                });
    }

    @Test
    void should_leave_every_setting_at_the_cli_default_when_nothing_is_set() {
        runner.run(context -> {
                    QlpSettings settings = context.getBean(QlpProperties.class).toSettings();
                    assertThat(settings.tiers()).isEmpty();
                    assertThat(settings.generation().maxAttempts()).isEqualTo(CapsuleGenerator.DEFAULT_MAX_ATTEMPTS);
                    assertThat(settings.routing().routerName()).isEqualTo(RoutingSettings.DEFAULT_ROUTER);
                    assertThat(settings.store().resolvedType()).isEqualTo(StoreSettings.EMBEDDED);
                    assertThat(settings.orchestration().isTemporal()).isFalse();
                    assertThat(settings.temporal().resolvedTarget()).isEqualTo(TemporalSettings.DEFAULT_TARGET);
                    assertThat(settings.decomposition().toDecomposition()).isEqualTo(Decomposition.disabled());
                    assertThat(settings.cache().exactEnabled()).isTrue();
                    assertThat(settings.cache().semanticEnabled()).isFalse();
                    assertThat(settings.export().providerConfig(name -> null).properties()).isEmpty();
                    assertThat(settings.store().cacheEnabled()).isTrue();
                    assertThat(settings.store().cache()).isEqualTo(new StoreSettings.Cache(true,
                            CachingCapsuleStore.DEFAULT_MAXIMUM_SIZE, CachingCapsuleStore.DEFAULT_LATEST_TTL));
                    assertThat(settings.validation()).isEqualTo(ValidationSettings.defaults());
                });
    }

    @Test
    void should_bind_store_cache_keys_when_set() {
        runner.withPropertyValues(
                        "qlp.store.cache.enabled=false",
                        "qlp.store.cache.maximum-size=500",
                        "qlp.store.cache.latest-ttl=500ms")
                .run(context -> {
                    StoreSettings store = context.getBean(QlpProperties.class).toSettings().store();
                    assertThat(store.cache()).isEqualTo(new StoreSettings.Cache(false, 500L, Duration.ofMillis(500)));
                    assertThat(store.cacheEnabled()).isFalse();
                });
    }

    @Test
    void should_bind_validation_keys_when_written_as_in_the_cli_yaml() {
        runner.withPropertyValues(
                        "qlp.validation.disabled[0]=javascript",
                        "qlp.validation.disabled[1]=security",
                        "qlp.validation.validators.java.test-timeout=30s",
                        "qlp.validation.validators.python.warm-pool=false",
                        "qlp.validation.validators.python.test-timeout=PT20S",
                        "qlp.validation.validators.security.disabled-rules[0]=python.subprocess",
                        "qlp.validation.validators.security.disabled-rules[1]=js.eval")
                .run(context -> {
                    ValidationSettings validation = context.getBean(QlpProperties.class).toSettings().validation();
                    assertThat(validation.disabled()).containsExactly("javascript", "security");
                    assertThat(validation.validators().get("java")).containsExactly(Map.entry("test-timeout", "30s"));
                    assertThat(validation.validators().get("python"))
                            .containsOnly(Map.entry("warm-pool", "false"), Map.entry("test-timeout", "PT20S"));
                    assertThat(validation.validators().get("security"))
                            .containsExactly(Map.entry("disabled-rules", "python.subprocess,js.eval"));
                });
    }

    @Test
    void should_split_disabled_validators_when_given_comma_separated() {
        runner.withPropertyValues("qlp.validation.disabled=javascript, security")
                .run(context -> assertThat(context.getBean(QlpProperties.class).toSettings().validation().disabled())
                        .containsExactly("javascript", "security"));
    }
}
