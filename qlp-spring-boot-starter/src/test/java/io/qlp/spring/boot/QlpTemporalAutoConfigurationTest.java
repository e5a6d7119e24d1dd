package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.orchestration.CapsuleRun;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import io.qlp.core.orchestration.TemporalCapsuleWorker;
import io.qlp.core.orchestration.TemporalConnection;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Temporal part against Temporal's test server on a loopback port. */
class QlpTemporalAutoConfigurationTest {

    static TestServer.PortBoundTestServer temporal;
    static int port;

    @TempDir
    Path dataDir;
    LoopbackOpenAiServer model;

    @BeforeAll
    static void startTemporal() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        temporal = TestServer.createPortBoundServer(port);
    }

    @AfterAll
    static void stopTemporal() {
        temporal.close();
    }

    @BeforeEach
    void startModel() {
        model = LoopbackOpenAiServer.start().whenEmptyAnswerCompletion(Answers.FIXED, 100, 200);
    }

    @AfterEach
    void stopModel() {
        model.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class,
                        QlpTemporalAutoConfiguration.class, QlpHealthAutoConfiguration.class))
                .withUserConfiguration(QlpAutoConfigurationTest.UserParts.class)
                .withPropertyValues("qlp.data-dir=" + dataDir, "qlp.memory.enabled=false",
                        "qlp.cache.exact.enabled=false",
                        "qlp.tiers.t0.base-url=" + model.baseUrl(), "qlp.tiers.t0.api-key=x",
                        "qlp.tiers.t0.model=small",
                        "qlp.orchestration=temporal", "qlp.temporal.target=127.0.0.1:" + port,
                        "qlp.temporal.task-queue=starter-" + System.nanoTime());
    }

    @Test
    void should_run_capsule_workflows_on_the_worker_when_orchestration_is_temporal() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(TemporalConnection.class).hasSingleBean(TemporalCapsuleClient.class)
                    .hasSingleBean(TemporalCapsuleWorker.class);
            TemporalCapsuleClient client = context.getBean(TemporalCapsuleClient.class);

            CapsuleRun run = client.start(CapsuleRequest.builder().description("A durable greeter")
                    .language(Language.JAVA).build());
            Capsule capsule = client.await(run);

            assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
            assertThat(context.getBean(CapsuleStore.class).find(capsule.id())).isPresent();
            assertThat(context.getBean("qlpTemporalHealthIndicator", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.UP);
        });
    }

    @Test
    void should_honour_sticky_execution_when_the_property_turns_it_off() {
        runner().run(context -> assertThat(context.getBean(TemporalCapsuleWorker.class).stickyExecution()).isTrue());
        runner().withPropertyValues("qlp.temporal.sticky-execution=false").run(context ->
                assertThat(context.getBean(TemporalCapsuleWorker.class).stickyExecution()).isFalse());
    }

    @Test
    void should_leave_out_the_worker_when_it_is_disabled() {
        runner().withPropertyValues("qlp.temporal.worker.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(TemporalCapsuleClient.class)
                        .doesNotHaveBean(TemporalCapsuleWorker.class));
    }

    @Test
    void should_stay_off_when_orchestration_is_in_process() {
        runner().withPropertyValues("qlp.orchestration=in-process")
                .run(context -> assertThat(context).doesNotHaveBean(TemporalConnection.class)
                        .doesNotHaveBean("qlpTemporalHealthIndicator"));
    }

    @Test
    void should_back_off_when_the_temporal_sdk_is_not_on_the_class_path() {
        runner().withClassLoader(new FilteredClassLoader(WorkflowClient.class))
                .run(context -> assertThat(context).doesNotHaveBean(TemporalConnection.class)
                        .doesNotHaveBean(TemporalCapsuleWorker.class));
    }

    @Test
    void should_back_off_when_the_user_defines_the_connection() {
        runner().withUserConfiguration(UserConnection.class).withPropertyValues("qlp.temporal.worker.enabled=false")
                .run(context -> assertThat(context).getBean(TemporalConnection.class)
                        .isSameAs(context.getBean("userConnection")));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserConnection {
        @Bean(destroyMethod = "close")
        TemporalConnection userConnection(QlpSettings settings) {
            return TemporalConnection.open(settings.temporal());
        }
    }
}
