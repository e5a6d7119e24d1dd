package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.spring.boot.metrics.GenerationMetrics;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Meters of real generations: a repaired one, then the same request served from the exact cache. */
class QlpMetricsAutoConfigurationTest {

    @TempDir
    Path dataDir;
    LoopbackOpenAiServer server;

    @BeforeEach
    void start() {
        server = LoopbackOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class, QlpMetricsAutoConfiguration.class))
                .withPropertyValues("qlp.data-dir=" + dataDir, "qlp.memory.enabled=false", "qlp.store.type=in-memory",
                        "qlp.tiers.t0.base-url=" + server.baseUrl(), "qlp.tiers.t0.api-key=x",
                        "qlp.tiers.t0.model=small", "qlp.tiers.t0.max-retries=0",
                        "qlp.tiers.t0.input-usd-per-1k-tokens=0.5", "qlp.tiers.t0.output-usd-per-1k-tokens=1.0");
    }

    @Test
    void should_time_count_and_price_generations_when_a_meter_registry_exists() {
        server.enqueueCompletion(Answers.BROKEN, 1000, 2000).enqueueCompletion(Answers.FIXED, 1000, 2000);
        runner().withUserConfiguration(Registry.class).run(context -> {
            CapsuleGenerator generator = context.getBean(CapsuleGenerator.class);
            CapsuleRequest request = CapsuleRequest.builder().description("A greeter with a JUnit test")
                    .language(Language.JAVA).build();

            Capsule generated = generator.generate(request);
            Capsule cached = generator.generate(request);

            assertThat(generated.status()).isEqualTo(CapsuleStatus.VALIDATED);
            assertThat(cached.usage().totalCalls()).isZero();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Timer repaired = registry.get(GenerationMetrics.GENERATION)
                    .tags("tier", "t0", "status", "validated", "language", "java").timer();
            assertThat(repaired.count()).isEqualTo(1);
            assertThat(Arrays.stream(repaired.takeSnapshot().percentileValues()).map(ValueAtPercentile::percentile))
                    .containsExactly(0.5, 0.95, 0.99);
            assertThat(registry.get(GenerationMetrics.GENERATION)
                    .tags("tier", "none", "status", "validated", "language", "java").timer().count()).isEqualTo(1);
            assertThat(registry.get(GenerationMetrics.TOKENS).tags("tier", "t0", "model", "small", "type", "input")
                    .counter().count()).isEqualTo(2000);
            assertThat(registry.get(GenerationMetrics.TOKENS).tags("tier", "t0", "model", "small", "type", "output")
                    .counter().count()).isEqualTo(4000);
            assertThat(registry.get(GenerationMetrics.COST).tags("tier", "t0", "model", "small").counter().count())
                    .isEqualTo(5.0);
            assertThat(registry.get(GenerationMetrics.REPAIRS).tag("tier", "t0").counter().count()).isEqualTo(1);
            assertThat(registry.get(GenerationMetrics.VALIDATION_FAILURES).counters()).isNotEmpty()
                    .allSatisfy(counter -> assertThat(counter.getId().getTag("stage")).isNotBlank());
            assertThat(registry.get("qlp.cache.lookups").tags("cache", "exact", "outcome", "hit").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("qlp.cache.lookups").tags("cache", "exact", "outcome", "miss").counter().count())
                    .isEqualTo(1);
        });
    }

    @Test
    void should_count_errors_by_code_when_a_generation_fails() {
        server.enqueueError(400, "bad request");
        runner().withUserConfiguration(Registry.class).run(context -> {
            CapsuleGenerator generator = context.getBean(CapsuleGenerator.class);
            CapsuleRequest request = CapsuleRequest.builder().description("A greeter with a JUnit test")
                    .language(Language.JAVA).build();

            org.assertj.core.api.Assertions.catchThrowable(() -> generator.generate(request));

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(GenerationMetrics.GENERATION).tags("tier", "t0", "status", "error")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get(GenerationMetrics.ERRORS).counters()).hasSize(1);
        });
    }

    @Test
    void should_back_off_without_a_meter_registry() {
        runner().run(context -> assertThat(context).doesNotHaveBean(GenerationMetrics.class)
                .hasSingleBean(CapsuleGenerator.class));
    }

    @Test
    void should_back_off_when_micrometer_is_not_on_the_class_path() {
        runner().withUserConfiguration(Registry.class)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(GenerationMetrics.class));
    }

    @Test
    void should_back_off_when_the_user_defines_the_metrics() {
        runner().withUserConfiguration(Registry.class, UserMetrics.class)
                .run(context -> assertThat(context).getBean(GenerationMetrics.class)
                        .isSameAs(context.getBean("userMetrics")));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMetrics {
        @Bean
        GenerationMetrics userMetrics(MeterRegistry registry) {
            return new GenerationMetrics(registry, tier -> "fixed");
        }
    }
}
