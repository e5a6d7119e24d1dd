package io.qlp.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.core.testing.LoopbackOllamaServer;
import io.qlp.core.testing.ScriptedHttpServer.Received;
import io.qlp.core.testing.ScriptedHttpServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ollama's native chat API on the wire. */
class OllamaWireTest extends AbstractProviderWireTest {

    LoopbackOllamaServer server;

    @BeforeEach
    void start() {
        server = LoopbackOllamaServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    ModelProvider provider() {
        return ModelProvider.OLLAMA;
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
        return server.chat(text, inputTokens, outputTokens);
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
        return "/api/chat";
    }

    @Test
    void should_ask_for_an_unstreamed_answer_with_the_output_limit() throws Exception {
        server.enqueue(server.chat("ok", 1, 1));
        ModelEndpoint endpoint = ModelEndpoint.builder(ModelProvider.OLLAMA, MODEL).baseUrl(server.baseUrl())
                .maxOutputTokens(256).timeout(Duration.ofSeconds(10)).build();

        call(caller(0), new io.qlp.core.TierModel(ChatModels.chatModel(endpoint), MODEL, PRICES));

        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(server.received().get(0).body());
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(256);
    }
}
