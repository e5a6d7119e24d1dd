package io.qlp.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.ModelPricing;
import io.qlp.core.TierModel;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis cache against a real redis-server of its own on a free loopback port (never the shared one on 6379),
 * which the tests stop mid-run.
 */
class RedisExactCacheTest {

    static final String ADDER = """
            ### src/main/java/demo/Adder.java
            ```java
            package demo;

            public final class Adder {
                public static int add(int a, int b) { return a + b; }
            }
            ```

            ### src/test/java/demo/AdderTest.java
            ```java
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;

            class AdderTest {
                @Test
                void adds() { assertEquals(5, Adder.add(2, 3)); }
            }
            ```
            """;

    @TempDir
    Path folder;
    Process redis;
    int port;
    String prefix = "qlp-test:" + UUID.randomUUID() + ":";

    @BeforeEach
    void startRedis() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", folder.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start on port " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stopRedis() throws InterruptedException {
        redis.destroyForcibly();
        redis.waitFor(10, TimeUnit.SECONDS);
    }

    RedisExactCache cache() {
        return RedisExactCache.builder().url("redis://127.0.0.1:" + port).prefix(prefix)
                .timeout(Duration.ofMillis(300)).reconnectInterval(Duration.ofMillis(200)).build();
    }

    static Capsule capsule(String description) {
        return io.qlp.core.cache.SemanticCacheParaphraseTest.capsule(
                CapsuleRequest.builder().description(description).build());
    }

    @Test
    void should_share_capsules_between_instances_through_redis() {
        try (RedisExactCache writer = cache(); RedisExactCache reader = cache()) {
            writer.put("k1", capsule("first"));

            assertThat(reader.get("k1")).hasValueSatisfying(found ->
                    assertThat(found.request().description()).isEqualTo("first"));
            assertThat(reader.get("absent")).isEmpty();
            assertThat(reader.redisAvailable()).isTrue();
        }
    }

    @Test
    void should_fall_back_to_the_local_cache_when_redis_stops_and_use_redis_again_when_it_returns()
            throws Exception {
        try (RedisExactCache cache = cache(); RedisExactCache other = cache()) {
            cache.put("before", capsule("before"));

            stopRedis();
            cache.put("during", capsule("during"));

            assertThat(cache.get("before")).isPresent();
            assertThat(cache.get("during")).isPresent();
            assertThat(other.get("before")).isEmpty();
            assertThat(other.redisAvailable()).isFalse();
        }
    }

    @Test
    void should_answer_from_local_cache_when_redis_is_down_from_the_start() throws Exception {
        stopRedis();
        try (RedisExactCache cache = cache()) {
            cache.put("k", capsule("local only"));

            assertThat(cache.get("k")).isPresent();
            assertThat(cache.get("absent")).isEmpty();
        }
    }

    @Test
    void should_succeed_every_request_when_redis_is_stopped_mid_run() throws Exception {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start(); RedisExactCache cache = cache()) {
            server.whenEmptyAnswerCompletion(ADDER, 10, 10);
            CapsuleGenerator generator = CapsuleGenerator.builder()
                    .tier(Tier.T0, new TierModel(OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("k")
                            .modelName("small").maxRetries(0).build(), "small", ModelPricing.free()))
                    .exactCache(cache).build();
            CapsuleRequest adder = CapsuleRequest.builder().description("A class that adds two integers").build();

            assertThat(generator.generate(adder).status()).isEqualTo(CapsuleStatus.VALIDATED);
            stopRedis();
            Capsule again = generator.generate(adder);
            Capsule other = generator.generate(CapsuleRequest.builder()
                    .description("A class that adds two integers, with more tests").build());

            assertThat(again.status()).isEqualTo(CapsuleStatus.VALIDATED);
            assertThat(other.status()).isEqualTo(CapsuleStatus.VALIDATED);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void should_reject_bad_builder_values() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisExactCache.builder().url("http://x"))
                .withMessageContaining("http://x");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisExactCache.builder().ttl(Duration.ZERO))
                .withMessageContaining("PT0S");
        assertThatIllegalStateException().isThrownBy(() -> RedisExactCache.builder().url("redis://a:1")
                .url("redis://b:2")).withMessageContaining("redis://a:1");
        assertThatIllegalStateException().isThrownBy(() -> RedisExactCache.builder().build())
                .withMessageContaining("url");
    }
}
