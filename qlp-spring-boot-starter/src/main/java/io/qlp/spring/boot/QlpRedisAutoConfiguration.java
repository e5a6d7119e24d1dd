package io.qlp.spring.boot;

import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.RedisExactCache;
import io.qlp.core.config.QlpSettings;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Shares QLP's state between instances through Redis when Redisson is on the class path and
 * {@code qlp.cache.redis.url} is set: the exact cache becomes a {@link RedisExactCache} (a local cache in front, the
 * local cache alone while Redis is down), and a {@link RedissonClient} bean on the same URL serves the health check
 * and whatever else the application shares, such as a rate limiter.
 *
 * <p>Example: {@code qlp.cache.redis.url=redis://127.0.0.1:6379}
 */
@AutoConfiguration(before = QlpAutoConfiguration.class)
@ConditionalOnClass({RedissonClient.class, RedisExactCache.class})
@ConditionalOnProperty("qlp.cache.redis.url")
public class QlpRedisAutoConfiguration {

    /**
     * A client of {@code qlp.cache.redis.url}, shut down with the context. It connects on first use, so that the
     * application starts while Redis is down, as the cache does.
     */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    public RedissonClient qlpRedissonClient(QlpSettings settings) {
        Config config = new Config();
        config.setLazyInitialization(true);
        config.useSingleServer().setAddress(settings.cache().redis().url().trim())
                .setConnectionMinimumIdleSize(1);
        return Redisson.create(config);
    }

    /** The shared exact cache, with {@code qlp.cache.exact.ttl}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "qlp.cache.exact.enabled", matchIfMissing = true)
    public ExactCache qlpExactCache(QlpSettings settings) {
        return settings.cache().openExactCache();
    }
}
