package io.qlp.spring.boot;

import io.qdrant.client.QdrantClient;
import io.qlp.api.Tier;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.TierSettings;
import io.qlp.core.orchestration.TemporalConnection;
import io.qlp.spring.boot.health.CapsuleStoreHealthIndicator;
import io.qlp.spring.boot.health.QdrantHealthIndicator;
import io.qlp.spring.boot.health.RedisHealthIndicator;
import io.qlp.spring.boot.health.TemporalHealthIndicator;
import io.qlp.spring.boot.health.TierEndpointHealthIndicator;
import io.qlp.spring.boot.internal.OnTiersConfiguredCondition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import io.temporal.client.WorkflowClient;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health of QLP's parts, when {@code spring-boot-health} is on the class path and
 * {@code management.health.qlp.enabled} is not false. Each check answers within {@link #TIMEOUT} and spends no
 * tokens:
 * <ul>
 *   <li>{@code qlpStore}: the capsule store lists one capsule;</li>
 *   <li>{@code qlpTiers}: one child per configured tier ({@code t0} …), an HTTP GET of the endpoint's model list
 *       without credentials (see {@link TierEndpointHealthIndicator});</li>
 *   <li>{@code qlpRedis}: Redis answers {@code DBSIZE}, when the Redis part is on;</li>
 *   <li>{@code qlpQdrant}: Qdrant's gRPC health check, when the Qdrant part is on;</li>
 *   <li>{@code qlpTemporal}: the Temporal frontend's gRPC health check, when orchestration is temporal.</li>
 * </ul>
 * Each is a bean the application may replace by defining one with the same name.
 *
 * <p>Example: {@code curl localhost:8080/actuator/health/qlpTiers}
 */
@AutoConfiguration(after = {QlpAutoConfiguration.class, QlpJdbcStoreAutoConfiguration.class,
        QlpRedisAutoConfiguration.class, QlpQdrantAutoConfiguration.class, QlpTemporalAutoConfiguration.class})
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnEnabledHealthIndicator("qlp")
public class QlpHealthAutoConfiguration {

    /** Longest wait of one check. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** {@code qlpStore}. */
    @Bean
    @ConditionalOnBean(CapsuleStore.class)
    @ConditionalOnMissingBean(name = "qlpStoreHealthIndicator")
    public HealthIndicator qlpStoreHealthIndicator(CapsuleStore store) {
        return new CapsuleStoreHealthIndicator(store);
    }

    /** {@code qlpTiers}, with a child per configured tier. */
    @Bean
    @Conditional(OnTiersConfiguredCondition.class)
    @ConditionalOnMissingBean(name = "qlpTiersHealthContributor")
    public CompositeHealthContributor qlpTiersHealthContributor(QlpSettings settings) {
        Map<String, HealthIndicator> tiers = new LinkedHashMap<>();
        for (Map.Entry<Tier, TierSettings> tier : settings.tiers().entrySet()) {
            tiers.put(tier.getKey().name().toLowerCase(Locale.ROOT), new TierEndpointHealthIndicator(tier.getKey(),
                    tier.getValue().provider(), tier.getValue().baseUrl(), TIMEOUT));
        }
        return CompositeHealthContributor.fromMap(tiers);
    }

    /** {@code qlpRedis}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedissonClient.class)
    @ConditionalOnBean(RedissonClient.class)
    static class RedisHealth {

        @Bean
        @ConditionalOnMissingBean(name = "qlpRedisHealthIndicator")
        HealthIndicator qlpRedisHealthIndicator(RedissonClient redisson, ObjectProvider<ExactCache> exactCache) {
            return new RedisHealthIndicator(redisson, exactCache.getIfAvailable(), TIMEOUT);
        }
    }

    /** {@code qlpQdrant}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QdrantClient.class)
    @ConditionalOnBean(QdrantClient.class)
    static class QdrantHealth {

        @Bean
        @ConditionalOnMissingBean(name = "qlpQdrantHealthIndicator")
        HealthIndicator qlpQdrantHealthIndicator(QdrantClient client) {
            return new QdrantHealthIndicator(client, TIMEOUT);
        }
    }

    /** {@code qlpTemporal}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({WorkflowClient.class, TemporalConnection.class})
    @ConditionalOnBean(TemporalConnection.class)
    static class TemporalHealth {

        @Bean
        @ConditionalOnMissingBean(name = "qlpTemporalHealthIndicator")
        HealthIndicator qlpTemporalHealthIndicator(TemporalConnection connection) {
            return new TemporalHealthIndicator(connection, TIMEOUT);
        }
    }
}
