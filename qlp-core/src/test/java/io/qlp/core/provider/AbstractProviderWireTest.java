package io.qlp.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.core.ModelPricing;
import io.qlp.core.TierModel;
import io.qlp.core.internal.ModelCaller;
import io.qlp.core.resilience.CallResilience;
import io.qlp.core.testing.ScriptedHttpServer.Received;
import io.qlp.core.testing.ScriptedHttpServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wire behaviour every provider must show against a real HTTP server on loopback: models built by
 * {@link ChatModels}, called through {@link ModelCaller} with QLP's Resilience4j retry and breaker.
 */
abstract class AbstractProviderWireTest {

    static final String MODEL = "loopback-model";
    static final ModelPricing PRICES = ModelPricing.perThousandTokens("0.001", "0.002");

    abstract ModelProvider provider();

    abstract String baseUrl();

    abstract void enqueue(Reply reply);

    abstract Reply ok(String text, int inputTokens, int outputTokens);

    abstract Reply error(int status, String message);

    abstract List<Received> received();

    /** The path the provider's chat call posts to. */
    abstract String chatPath();

    TierModel model(Duration timeout) {
        ModelEndpoint endpoint = ModelEndpoint.builder(provider(), MODEL).baseUrl(baseUrl()).apiKey("test-key")
                .timeout(timeout).build();
        return new TierModel(ChatModels.chatModel(endpoint), MODEL, PRICES);
    }

    static ModelCaller caller(int retries) {
        return new ModelCaller(CallResilience.builder().maxRetries(retries)
                .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200))
                .breakerWindow(50, 50).build());
    }

    static ModelCaller.Answer call(ModelCaller caller, TierModel model) {
        return caller.call(Tier.T1, model, List.of(UserMessage.from("Write a stack of ints.")), ErrorContext.empty());
    }

    @Test
    void should_read_text_and_usage_when_the_server_answers_200() {
        enqueue(ok("class Stack {}", 120, 30));

        ModelCaller.Answer answer = call(caller(0), model(Duration.ofSeconds(10)));

        assertThat(answer.text()).isEqualTo("class Stack {}");
        assertThat(answer.usage().inputTokens()).isEqualTo(120);
        assertThat(answer.usage().outputTokens()).isEqualTo(30);
        // 120 * 0.001 / 1000 + 30 * 0.002 / 1000
        assertThat(answer.usage().costUsd()).isEqualByComparingTo("0.00018");
        assertThat(received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo(chatPath());
            assertThat(r.body()).contains(MODEL).contains("Write a stack of ints.");
        });
    }

    @Test
    void should_wait_for_retry_after_then_succeed_when_the_server_answers_429() {
        enqueue(error(429, "slow down").withHeader("Retry-After", "1"));
        enqueue(ok("done", 10, 5));

        ModelCaller.Answer answer = call(caller(2), model(Duration.ofSeconds(10)));

        assertThat(answer.text()).isEqualTo("done");
        List<Received> requests = received();
        assertThat(requests).hasSize(2);
        // The backoff alone is 20 ms; only the header explains a wait of about a second between the two requests.
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void should_retry_twice_then_succeed_when_the_server_answers_500_twice() {
        enqueue(error(500, "boom"));
        enqueue(error(500, "boom again"));
        enqueue(ok("third time", 10, 5));

        ModelCaller.Answer answer = call(caller(2), model(Duration.ofSeconds(10)));

        assertThat(answer.text()).isEqualTo("third time");
        assertThat(received()).hasSize(3);
    }

    @Test
    void should_fail_typed_naming_tier_provider_and_cause_when_the_body_is_malformed_json() {
        enqueue(Reply.json(200, "{\"id\": \"x\", \"choices\": [ {\"message\": "));

        assertThatThrownBy(() -> call(caller(0), model(Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
                    assertThat(e.context().tier()).isEqualTo(Tier.T1);
                    assertThat(e.details()).containsEntry("provider", provider().id()).containsEntry("model", MODEL);
                    assertThat(e.getMessage()).contains("unreadable response body").contains(provider().id());
                });
        assertThat(received()).hasSize(1);
    }

    @Test
    void should_fail_with_model_timeout_when_the_answer_is_slower_than_the_timeout() {
        enqueue(ok("too late", 10, 5).after(Duration.ofSeconds(3)));
        enqueue(ok("too late again", 10, 5).after(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> call(caller(1), model(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_TIMEOUT);
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.details()).containsEntry("provider", provider().id());
                });
        // A timeout is retried once, as configured.
        assertThat(received()).hasSize(2);
    }

    @Test
    void should_fail_with_authentication_error_without_retrying_when_the_server_answers_401() {
        enqueue(error(401, "invalid key"));
        enqueue(ok("never sent", 1, 1));

        assertThatThrownBy(() -> call(caller(3), model(Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_AUTHENTICATION);
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.details()).containsEntry("provider", provider().id()).containsEntry("status", 401);
                });
        assertThat(received()).hasSize(1);
    }
}
