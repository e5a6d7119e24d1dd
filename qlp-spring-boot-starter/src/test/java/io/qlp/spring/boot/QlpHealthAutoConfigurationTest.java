package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health of the store, the tiers' endpoints, Redis (the real one) and Qdrant (none runs here, so down). */
class QlpHealthAutoConfigurationTest {

    @TempDir
    Path dataDir;
    HttpServer modelEndpoint;
    final List<String> probes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        // An OpenAI-compatible endpoint's model list, the only thing the tier check asks for.
        modelEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        modelEndpoint.createContext("/", exchange -> {
            probes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " auth="
                    + exchange.getRequestHeaders().containsKey("Authorization"));
            byte[] body = "{\"object\":\"list\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/v1/models") ? 200 : 404,
                    body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        modelEndpoint.start();
    }

    @AfterEach
    void stop() {
        modelEndpoint.stop(0);
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class, QlpRedisAutoConfiguration.class,
                        QlpQdrantAutoConfiguration.class, QlpHealthAutoConfiguration.class))
                .withPropertyValues("qlp.data-dir=" + dataDir, "qlp.memory.enabled=false", "qlp.store.type=in-memory");
    }

    @Test
    void should_report_the_store_up_when_it_answers() {
        runner().run(context -> {
            Health health = context.getBean("qlpStoreHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("store");
            assertThat(context).doesNotHaveBean("qlpTiersHealthContributor").doesNotHaveBean("qlpRedisHealthIndicator")
                    .doesNotHaveBean("qlpQdrantHealthIndicator");
        });
    }

    @Test
    void should_report_each_tier_by_reaching_its_model_list_without_credentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + modelEndpoint.getAddress().getPort();
        runner().withPropertyValues(
                        "qlp.tiers.t0.base-url=" + base + "/v1", "qlp.tiers.t0.api-key=secret", "qlp.tiers.t0.model=m",
                        "qlp.tiers.t1.provider=ollama", "qlp.tiers.t1.base-url=" + base, "qlp.tiers.t1.model=m",
                        "qlp.tiers.t1.api-key=x",
                        "qlp.tiers.t3.base-url=http://127.0.0.1:" + closedPort + "/v1", "qlp.tiers.t3.api-key=x",
                        "qlp.tiers.t3.model=m")
                // The health checks read the tier settings only; the generator is not needed.
                .withUserConfiguration(QlpAutoConfigurationTest.UserGenerator.class)
                .run(context -> {
                    CompositeHealthContributor tiers = context.getBean("qlpTiersHealthContributor",
                            CompositeHealthContributor.class);
                    Health t0 = ((HealthIndicator) tiers.getContributor("t0")).health();
                    Health t1 = ((HealthIndicator) tiers.getContributor("t1")).health();
                    Health t3 = ((HealthIndicator) tiers.getContributor("t3")).health();

                    assertThat(t0.getStatus()).isEqualTo(Status.UP);
                    assertThat(t0.getDetails()).containsEntry("httpStatus", 200);
                    assertThat(t1.getStatus()).isEqualTo(Status.UP);
                    assertThat(t1.getDetails()).containsEntry("httpStatus", 404);
                    assertThat(t3.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(tiers.getContributor("t2")).isNull();
                    assertThat(probes).containsExactly("GET /v1/models auth=false", "GET /api/tags auth=false");
                });
    }

    @Test
    void should_report_redis_up_and_qdrant_down_when_their_parts_are_on() {
        runner().withPropertyValues("qlp.cache.redis.url=redis://127.0.0.1:6379", "qlp.memory.store=qdrant",
                        "qlp.memory.qdrant.url=http://127.0.0.1:1")
                .run(context -> {
                    Health redis = context.getBean("qlpRedisHealthIndicator", HealthIndicator.class).health();
                    Health qdrant = context.getBean("qlpQdrantHealthIndicator", HealthIndicator.class).health();
                    assertThat(redis.getStatus()).isEqualTo(Status.UP);
                    assertThat(redis.getDetails()).containsKey("keys");
                    assertThat(qdrant.getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void should_back_off_when_spring_boot_health_is_not_on_the_class_path() {
        runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean("qlpStoreHealthIndicator"));
    }

    @Test
    void should_back_off_when_disabled_by_management_property() {
        runner().withPropertyValues("management.health.qlp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("qlpStoreHealthIndicator"));
    }

    @Test
    void should_back_off_when_the_user_defines_the_indicator() {
        runner().withUserConfiguration(UserIndicator.class).run(context -> assertThat(
                context.getBean("qlpStoreHealthIndicator", HealthIndicator.class).health().getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserIndicator {
        @Bean
        HealthIndicator qlpStoreHealthIndicator() {
            return () -> Health.outOfService().build();
        }
    }
}
