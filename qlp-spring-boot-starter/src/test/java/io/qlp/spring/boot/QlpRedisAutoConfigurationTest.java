package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Capsule;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.RedisExactCache;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Redis part, against the real Redis on 127.0.0.1:6379. */
class QlpRedisAutoConfigurationTest {

    static final String REDIS = "redis://127.0.0.1:6379";

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class, QlpRedisAutoConfiguration.class))
                .withPropertyValues("qlp.data-dir=" + dataDir, "qlp.memory.enabled=false", "qlp.store.type=in-memory");
    }

    @Test
    void should_share_the_exact_cache_through_redis_when_the_url_is_set() {
        runner().withPropertyValues("qlp.cache.redis.url=" + REDIS, "qlp.cache.exact.ttl=PT1M").run(context -> {
            assertThat(context).hasSingleBean(RedissonClient.class).hasSingleBean(ExactCache.class);
            ExactCache cache = context.getBean(ExactCache.class);
            assertThat(cache).isInstanceOf(RedisExactCache.class);
            String key = "starter-test-" + UUID.randomUUID();
            Capsule capsule = Capsules.sample();

            cache.put(key, capsule);

            RedissonClient redisson = context.getBean(RedissonClient.class);
            assertThat(redisson.getKeys().countExists(RedisExactCache.DEFAULT_PREFIX + key)).isEqualTo(1);
            assertThat(cache.get(key)).contains(capsule);
            redisson.getKeys().delete(RedisExactCache.DEFAULT_PREFIX + key);
        });
    }

    @Test
    void should_keep_the_exact_cache_local_when_no_redis_url_is_set() {
        runner().run(context -> {
            assertThat(context).doesNotHaveBean(RedissonClient.class).hasSingleBean(ExactCache.class);
            assertThat(context.getBean(ExactCache.class)).isNotInstanceOf(RedisExactCache.class);
        });
    }

    @Test
    void should_back_off_when_redisson_is_not_on_the_class_path() {
        runner().withPropertyValues("qlp.cache.redis.url=" + REDIS)
                .withClassLoader(new FilteredClassLoader(RedissonClient.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RedissonClient.class).hasSingleBean(ExactCache.class);
                    assertThat(context.getBean(ExactCache.class)).isNotInstanceOf(RedisExactCache.class);
                });
    }

    @Test
    void should_back_off_when_the_user_defines_the_client() {
        runner().withPropertyValues("qlp.cache.redis.url=" + REDIS).withUserConfiguration(UserRedis.class)
                .run(context -> assertThat(context).getBean(RedissonClient.class)
                        .isSameAs(context.getBean("userRedisson")));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRedis {
        @Bean(destroyMethod = "shutdown")
        RedissonClient userRedisson() {
            Config config = new Config();
            config.setLazyInitialization(true);
            config.useSingleServer().setAddress(REDIS);
            return Redisson.create(config);
        }
    }
}
