package io.qlp.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.core.testing.LoopbackAnthropicServer;
import io.qlp.core.testing.ScriptedHttpServer.Received;
import io.qlp.core.testing.ScriptedHttpServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anthropic's Messages API on the wire. */
class AnthropicWireTest extends AbstractProviderWireTest {

    LoopbackAnthropicServer server;

    @BeforeEach
    void start() {
        server = LoopbackAnthropicServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    ModelProvider provider() {
        return ModelProvider.ANTHROPIC;
    }

    @Override
    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    void enqueue(Reply reply) {
        server.enqueue(reply);
    }

    @Override
    Reply ok(String text, int inputTokens, int outputTokens) {
        return server.message(text, inputTokens, outputTokens);
    }

    @Override
    Reply error(int status, String message) {
        return server.error(status, message);
    }

    @Override
    List<Received> received() {
        return server.received();
    }

    @Override
    String chatPath() {
        return "/v1/messages";
    }

    @Test
    void should_send_the_key_in_x_api_key_and_a_default_max_tokens() throws Exception {
        server.enqueue(server.message("ok", 1, 1));

        call(caller(0), model(Duration.ofSeconds(10)));

        Received request = server.received().get(0);
        assertThat(request.header("x-api-key")).isEqualTo("test-key");
        assertThat(request.header("anthropic-version")).isNotBlank();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.body()).path("max_tokens").asInt())
                .isEqualTo(ChatModels.ANTHROPIC_DEFAULT_MAX_TOKENS);
    }
}
