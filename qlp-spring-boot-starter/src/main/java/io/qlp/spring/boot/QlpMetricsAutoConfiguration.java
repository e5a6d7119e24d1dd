package io.qlp.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.TierModel;
import io.qlp.spring.boot.metrics.GenerationMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the auto-configured generator when the application has a {@link MeterRegistry} bean (as
 * Spring Boot's actuator provides): see {@link GenerationMetrics} for the meters and their tags.
 *
 * <p>Example: {@code curl localhost:8080/actuator/metrics/qlp.generation}
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, CapsuleGenerator.class})
@ConditionalOnBean(MeterRegistry.class)
public class QlpMetricsAutoConfiguration {

    /** The meters, fed by the generator; model names come from the generator's tiers. */
    @Bean
    @ConditionalOnMissingBean
    public GenerationMetrics qlpGenerationMetrics(MeterRegistry registry, ObjectProvider<CapsuleGenerator> generator) {
        return new GenerationMetrics(registry, tier -> {
            TierModel model = generator.getObject().tiers().get(tier);
            return model == null ? null : model.modelName();
        });
    }
}
