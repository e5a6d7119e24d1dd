package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A context with nothing but one tier configured generates, repairs, validates and stores a capsule. */
class QlpEndToEndTest {

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

    @Test
    void should_generate_a_validated_capsule_when_only_a_tier_is_configured() {
        server.enqueueCompletion(Answers.BROKEN, 120, 300).enqueueCompletion(Answers.FIXED, 150, 310);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class))
                .withPropertyValues(
                        "qlp.tiers.t0.base-url=" + server.baseUrl(),
                        "qlp.tiers.t0.api-key=x",
                        "qlp.tiers.t0.model=small",
                        "qlp.tiers.t0.max-retries=0",
                        "qlp.data-dir=" + dataDir,
                        "qlp.memory.enabled=false")
                .run(context -> {
                    CapsuleGenerator generator = context.getBean(CapsuleGenerator.class);
                    Capsule capsule = generator.generate(CapsuleRequest.builder()
                            .description("A greeter with a JUnit test").language(Language.JAVA).build());

                    assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
                    assertThat(capsule.attempts()).hasSize(2);
                    assertThat(capsule.usage().inputTokens()).isEqualTo(270);
                    assertThat(capsule.files()).extracting(f -> f.path())
                            .contains("src/main/java/demo/Greeter.java", "src/test/java/demo/GreeterTest.java");
                    assertThat(context.getBean(CapsuleStore.class).find(capsule.id())).isPresent();
                });
        assertThat(server.requests()).hasSize(2);
    }
}
