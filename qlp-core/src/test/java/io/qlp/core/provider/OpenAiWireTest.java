package io.qlp.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.core.testing.ScriptedHttpServer.Received;
import io.qlp.core.testing.ScriptedHttpServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI-compatible chat completions on the wire, blocking and streamed (SSE). */
class OpenAiWireTest extends AbstractProviderWireTest {

    LoopbackOpenAiServer server;

    @BeforeEach
    void start() {
        server = LoopbackOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    ModelProvider provider() {
        return ModelProvider.OPENAI;
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
        return server.completion(text, inputTokens, outputTokens);
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
        return "/v1/chat/completions";
    }

    @Test
    void should_send_the_key_as_a_bearer_token() {
        server.enqueueCompletion("ok", 1, 1);

        call(caller(0), model(Duration.ofSeconds(10)));

        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer test-key");
    }

    @Test
    void should_stream_pieces_and_read_usage_when_the_server_answers_with_server_sent_events() throws Exception {
        server.enqueue(server.streamedCompletion(List.of("class ", "Stack", " {}"), 42, 7));
        StreamingChatModel model = ChatModels.streamingChatModel(ModelEndpoint.builder(ModelProvider.OPENAI, MODEL)
                .baseUrl(server.baseUrl()).apiKey("test-key").timeout(Duration.ofSeconds(10)).build());
        List<String> pieces = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model.chat(List.of(UserMessage.from("Write a stack.")), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                pieces.add(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(10, TimeUnit.SECONDS);

        assertThat(pieces).containsExactly("class ", "Stack", " {}");
        assertThat(response.aiMessage().text()).isEqualTo("class Stack {}");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(42);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(7);
        assertThat(server.requests().get(0).path("stream").asBoolean()).isTrue();
        assertThat(server.requests().get(0).path("stream_options").path("include_usage").asBoolean()).isTrue();
    }
}
