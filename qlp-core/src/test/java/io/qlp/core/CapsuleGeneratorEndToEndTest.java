package io.qlp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.qlp.api.Capsule;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.QlpException;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole path through LangChain4j's OpenAiChatModel, a real loopback HTTP server and the real Java validator. */
class CapsuleGeneratorEndToEndTest {

    static final String BROKEN_ANSWER = """
            Here is the implementation.

            ### src/main/java/demo/Adder.java
            ```java
            package demo;

            public final class Adder {
                public static int add(int a, int b) { return "" + a + b; }
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

    static final String FIXED_ANSWER = BROKEN_ANSWER.replace("return \"\" + a + b;", "return a + b;");

    static String wrongAnswer(int variant) {
        return FIXED_ANSWER.replace("return a + b;", "return a - b; /* variant " + variant + " */");
    }

    LoopbackOpenAiServer server;
    InMemoryCapsuleStore store;

    @BeforeEach
    void startServer() {
        server = LoopbackOpenAiServer.start();
        store = new InMemoryCapsuleStore();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    ChatModel openAi() {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("small")
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    CapsuleGenerator generator() {
        return CapsuleGenerator.builder()
                .tier(Tier.T0, new TierModel(openAi(), "small", ModelPricing.perThousandTokens("0.5", "1.5")))
                .store(store)
                .maxAttempts(3)
                .build();
    }

    static CapsuleRequest request() {
        return CapsuleRequest.builder().description("A class that adds two integers, with tests")
                .language(Language.JAVA).build();
    }

    @Test
    void should_validate_on_second_attempt_when_first_answer_does_not_compile() {
        server.enqueueCompletion(BROKEN_ANSWER, 1000, 200).enqueueCompletion(FIXED_ANSWER, 2000, 400);

        Capsule capsule = generator().generate(request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.attempts()).hasSize(2);
        assertThat(server.requests()).hasSize(2);
        String repairRequest = server.requestText(1);
        assertThat(repairRequest).contains("src/main/java/demo/Adder.java:4").contains("incompatible types");
        assertThat(capsule.attempts().get(0).errors()).anySatisfy(error -> {
            assertThat(error.file()).isEqualTo("src/main/java/demo/Adder.java");
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.message()).contains("incompatible types");
        });
        assertThat(capsule.attempts().get(1).errors()).isEmpty();
        assertThat(capsule.usage().inputTokens()).isEqualTo(3000);
        assertThat(capsule.usage().outputTokens()).isEqualTo(600);
        // 3000 * 0.5 / 1000 + 600 * 1.5 / 1000 = 1.5 + 0.9
        assertThat(capsule.usage().costUsd()).isEqualByComparingTo(new BigDecimal("2.4"));
        assertThat(capsule.manifest().sha256()).containsKeys("src/main/java/demo/Adder.java",
                "src/test/java/demo/AdderTest.java");
        assertThat(capsule.manifest().tiersUsed()).containsExactly(Tier.T0);
        assertThat(store.find(capsule.id())).contains(capsule);
    }

    @Test
    void should_report_failed_validation_with_findings_when_tests_fail_on_every_attempt() {
        server.enqueueCompletion(wrongAnswer(1), 10, 10).enqueueCompletion(wrongAnswer(2), 10, 10)
                .enqueueCompletion(wrongAnswer(3), 10, 10);

        Capsule capsule = generator().generate(request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.FAILED_VALIDATION);
        assertThat(capsule.attempts()).hasSize(3).allSatisfy(a -> assertThat(a.passed()).isFalse());
        assertThat(capsule.validation().errors()).isNotEmpty()
                .anySatisfy(f -> assertThat(f.stage()).isEqualTo("test"));
        assertThat(store.find(capsule.id())).isPresent();
    }

    @Test
    void should_stop_with_no_progress_when_model_returns_the_same_files_twice() {
        server.enqueueCompletion(wrongAnswer(1), 10, 10).enqueueCompletion(wrongAnswer(1), 10, 10);

        Capsule capsule = generator().generate(request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.NO_PROGRESS);
        assertThat(server.requests()).hasSize(2);
        assertThat(capsule.attempts()).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.errors()).isNotEmpty().hasSize(Math.min(attempt.errorCount(),
                    io.qlp.api.AttemptRecord.MAX_KEPT_ERRORS));
        });
        assertThat(capsule.attempts().get(1).errors()).isEqualTo(capsule.attempts().get(0).errors());
    }

    @Test
    void should_fail_with_no_files_in_answer_when_model_answers_with_prose_only() {
        server.whenEmptyAnswerCompletion("I am sorry, I cannot help with that request.", 10, 10);

        assertThatThrownBy(() -> generator().generate(request()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_FILES_IN_ANSWER);
                    assertThat(e.context().capsuleId()).isNotNull();
                    assertThat(e.context().tier()).isEqualTo(Tier.T0);
                });
        assertThat(store.list(CapsuleQuery.firstPage(10))).isEmpty();
    }

    @Test
    void should_reject_the_path_when_model_answers_with_a_path_leaving_the_capsule() {
        server.enqueueCompletion("### ../../etc/passwd\n```\nroot::0:0::/root:/bin/sh\n```\n", 10, 10);

        assertThatThrownBy(() -> generator().generate(request()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH);
                    assertThat(e.details()).containsEntry("path", "../../etc/passwd");
                    assertThat(e.isRetriable()).isFalse();
                });
        assertThat(store.list(CapsuleQuery.firstPage(10))).isEmpty();
    }

    @Test
    void should_fail_with_retriable_model_unavailable_when_server_answers_500_every_time() {
        server.whenEmptyAnswerError(500, "upstream exploded");

        assertThatThrownBy(() -> generator().generate(request()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.context().tier()).isEqualTo(Tier.T0);
                    assertThat(e.context().stage()).isEqualTo(Stage.GENERATE);
                });
        assertThat(store.list(CapsuleQuery.firstPage(10))).isEmpty();
    }

    @Test
    void should_fail_with_authentication_error_when_server_answers_401() {
        server.whenEmptyAnswerError(401, "invalid api key");

        assertThatThrownBy(() -> generator().generate(request()))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_AUTHENTICATION));
        assertThat(server.requests()).hasSize(1);
    }
}
