package io.qlp.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Azure OpenAI's v1 endpoint speaks the OpenAI protocol; the key goes in an {@code api-key} header. */
class AzureOpenAiWireTest {

    @Test
    void should_send_the_key_in_the_api_key_header_and_no_bearer_token() {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start()) {
            server.enqueueCompletion("hello from azure", 3, 4);
            ChatModel model = ChatModels.chatModel(ModelEndpoint.builder(ModelProvider.AZURE_OPENAI, "my-deployment")
                    .baseUrl(server.baseUrl()).apiKey("azure-key").timeout(Duration.ofSeconds(10)).build());

            String text = model.chat(java.util.List.of(UserMessage.from("hi"))).aiMessage().text();

            assertThat(text).isEqualTo("hello from azure");
            assertThat(model.provider()).isEqualTo(dev.langchain4j.model.ModelProvider.AZURE_OPEN_AI);
            assertThat(server.received().get(0).header("api-key")).isEqualTo("azure-key");
            assertThat(server.received().get(0).header("Authorization")).isNull();
            assertThat(server.requests().get(0).path("model").asText()).isEqualTo("my-deployment");
        }
    }
}
