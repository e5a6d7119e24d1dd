package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.server.security.ApiKeys;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The per-key limit shared in the real Redis on 127.0.0.1:6379, under a prefix of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisRateLimitTest {

    static final String PREFIX = "qlp-test:" + UUID.randomUUID() + ":";
    static final String KEY_A = "a-" + UUID.randomUUID();
    static final String KEY_B = "b-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("qlp.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
        registry.add("qlp.memory.enabled", () -> "false");
        registry.add("qlp.server.api-keys[0].tenant", () -> "acme");
        registry.add("qlp.server.api-keys[0].sha256", () -> ApiKeys.sha256Hex(KEY_A));
        registry.add("qlp.server.api-keys[1].tenant", () -> "acme");
        registry.add("qlp.server.api-keys[1].sha256", () -> ApiKeys.sha256Hex(KEY_B));
        registry.add("qlp.server.rate-limit.requests-per-minute", () -> "3");
        registry.add("qlp.server.rate-limit.redis-url", () -> "redis://127.0.0.1:6379");
        registry.add("qlp.server.rate-limit.redis-key-prefix", () -> PREFIX);
    }

    @Test
    void should_answer_429_with_retry_after_once_a_key_used_its_permits_in_redis() {
        Api a = new Api(port, KEY_A);
        Api b = a.as(KEY_B);

        for (int i = 0; i < 3; i++) {
            assertThat(a.get("/v1/capsules").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = a.get("/v1/capsules");

        ServerTestSupport.error(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(b.get("/v1/capsules").statusCode()).as("another key has its own permits").isEqualTo(200);
        assertThat(new Api(port, "").get("/health").statusCode()).as("health needs no key or permit").isEqualTo(200);
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:6379");
        RedissonClient redis = Redisson.create(config);
        try {
            Iterable<String> keys = redis.getKeys().getKeysByPattern(PREFIX + "*");
            assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).doesNotContain(KEY_A, KEY_B));
            assertThat(keys).anySatisfy(key -> assertThat(key).contains(ApiKeys.sha256Hex(KEY_A)));
            redis.getKeys().deleteByPattern(PREFIX + "*");
        } finally {
            redis.shutdown();
        }
    }
}
