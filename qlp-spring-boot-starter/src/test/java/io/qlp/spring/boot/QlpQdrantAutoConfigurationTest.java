package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.MemoryStore;
import io.qlp.core.config.MemorySettings;
import io.qlp.memory.QdrantMemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Qdrant part. No Qdrant server can be installed on these machines, so these tests check the wiring, and the
 * health test checks that an unreachable server reads as down.
 */
class QlpQdrantAutoConfigurationTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class, QlpQdrantAutoConfiguration.class))
                .withPropertyValues("qlp.data-dir=" + dataDir, "qlp.store.type=in-memory", "qlp.memory.enabled=false");
    }

    @Test
    void should_create_a_client_of_the_configured_url_when_memory_is_in_qdrant() {
        runner().withPropertyValues("qlp.memory.store=qdrant", "qlp.memory.qdrant.url=http://127.0.0.1:6334")
                .run(context -> assertThat(context).hasSingleBean(QdrantClient.class));
    }

    @Test
    void should_build_the_qdrant_memory_store_with_api_key_timeout_and_prefix_when_memory_is_on() {
        runner().withPropertyValues("qlp.memory.enabled=true", "qlp.memory.store=qdrant",
                        "qlp.memory.qdrant.url=http://127.0.0.1:6334", "qlp.memory.qdrant.api-key=k",
                        "qlp.memory.qdrant.timeout=3s", "qlp.memory.qdrant.collection-prefix=team_")
                .run(context -> {
                    assertThat(context).getBean(MemoryStore.class).isInstanceOfSatisfying(QdrantMemoryStore.class,
                            store -> assertThat(store.server()).isEqualTo("127.0.0.1:6334"));
                    assertThat(context.getBean(QlpProperties.class).toSettings().memory().qdrant()).isEqualTo(
                            new MemorySettings.Qdrant("http://127.0.0.1:6334", "k", null, Duration.ofSeconds(3),
                                    "team_"));
                });
    }

    @Test
    void should_read_the_api_key_from_the_environment_when_api_key_env_is_set() {
        runner().withPropertyValues("qlp.memory.enabled=true", "qlp.memory.store=qdrant",
                        "qlp.memory.qdrant.url=http://127.0.0.1:6334",
                        "qlp.memory.qdrant.api-key-env=QLP_TEST_QDRANT_KEY",
                        "QLP_TEST_QDRANT_KEY=s3cret-key")
                .run(context -> {
                    assertThat(context).hasSingleBean(QdrantClient.class).hasSingleBean(MemoryStore.class);
                    MemorySettings.Qdrant qdrant = context.getBean(QlpProperties.class).toSettings().memory().qdrant();
                    assertThat(qdrant.apiKeyEnv()).isEqualTo("QLP_TEST_QDRANT_KEY");
                    assertThat(qdrant.resolvedApiKey(QlpAutoConfiguration.lookup(context.getEnvironment())))
                            .isEqualTo("s3cret-key");
                });
    }

    @Test
    void should_fail_to_start_naming_api_key_env_when_the_variable_it_names_is_not_set() {
        runner().withPropertyValues("qlp.memory.store=qdrant", "qlp.memory.qdrant.url=http://127.0.0.1:6334",
                "qlp.memory.qdrant.api-key-env=QLP_TEST_NO_SUCH_VAR").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                                assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                                assertThat(e.details()).containsEntry("key", "qlp.memory.qdrant.api-key-env");
                            })
                            .hasMessageContaining("QLP_TEST_NO_SUCH_VAR");
                });
    }

    @Test
    void should_not_print_the_api_key_when_the_properties_are_printed() {
        runner().withPropertyValues("qlp.memory.store=qdrant", "qlp.memory.qdrant.url=http://127.0.0.1:6334",
                "qlp.memory.qdrant.api-key=s3cret-key").run(context -> {
                    QlpProperties properties = context.getBean(QlpProperties.class);
                    assertThat(properties.memory().qdrant().toString()).doesNotContain("s3cret-key").contains("***");
                    assertThat(properties.toString()).doesNotContain("s3cret-key");
                    assertThat(properties.toSettings().memory().toString()).doesNotContain("s3cret-key");
                });
    }

    @Test
    void should_fail_to_start_naming_the_key_when_the_url_is_missing() {
        runner().withPropertyValues("qlp.memory.store=qdrant").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NonRetriableQlpException.class)
                    .hasMessageContaining("qlp.memory.qdrant.url");
        });
    }

    @Test
    void should_stay_off_when_memory_is_not_in_qdrant() {
        runner().withPropertyValues("qlp.memory.qdrant.url=http://127.0.0.1:6334")
                .run(context -> assertThat(context).doesNotHaveBean(QdrantClient.class));
    }

    @Test
    void should_back_off_when_the_qdrant_client_is_not_on_the_class_path() {
        runner().withPropertyValues("qlp.memory.store=qdrant", "qlp.memory.qdrant.url=http://127.0.0.1:6334")
                .withClassLoader(new FilteredClassLoader(QdrantClient.class))
                .run(context -> assertThat(context).doesNotHaveBean(QdrantClient.class));
    }

    @Test
    void should_back_off_when_the_user_defines_the_client() {
        runner().withPropertyValues("qlp.memory.store=qdrant", "qlp.memory.qdrant.url=http://127.0.0.1:6334")
                .withUserConfiguration(UserQdrant.class)
                .run(context -> assertThat(context).getBean(QdrantClient.class)
                        .isSameAs(context.getBean("userQdrant")));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserQdrant {
        @Bean
        QdrantClient userQdrant() {
            return new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", 6334, false, false).build());
        }
    }
}
