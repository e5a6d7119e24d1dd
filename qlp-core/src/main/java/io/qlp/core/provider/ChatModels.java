package io.qlp.core.provider;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.qlp.core.resilience.RetryAfterHttpClientBuilder;
import java.util.Map;

/**
 * Builds LangChain4j chat models for a {@link ModelEndpoint}. Each model gets a
 * {@link RetryAfterHttpClientBuilder} and no retries of its own: QLP's Resilience4j retry is the one policy.
 *
 * <p>Example: {@code ChatModel model = ChatModels.chatModel(ModelEndpoint.builder(ModelProvider.OLLAMA, "qwen2.5-coder").build());}
 */
public final class ChatModels {

    /** Answer length for Anthropic, which requires one: long enough for a class and its tests. */
    public static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 8192;
    /** Header Azure OpenAI reads the key from. */
    public static final String AZURE_KEY_HEADER = "api-key";

    private ChatModels() {
    }

    /** A blocking chat model for {@code endpoint}. */
    public static ChatModel chatModel(ModelEndpoint endpoint) {
        return switch (endpoint.provider()) {
            case OPENAI -> openAi(endpoint);
            case AZURE_OPENAI -> new AzureOpenAiChatModel(azureOpenAi(endpoint));
            case ANTHROPIC -> anthropic(endpoint);
            case OLLAMA -> ollama(endpoint);
            case GEMINI -> gemini(endpoint);
        };
    }

    /** A streaming chat model for {@code endpoint}; OpenAI-compatible endpoints are asked to report usage. */
    public static StreamingChatModel streamingChatModel(ModelEndpoint endpoint) {
        return switch (endpoint.provider()) {
            case OPENAI, AZURE_OPENAI -> openAiStreaming(endpoint);
            case ANTHROPIC -> anthropicStreaming(endpoint);
            case OLLAMA -> ollamaStreaming(endpoint);
            case GEMINI -> geminiStreaming(endpoint);
        };
    }

    private static ChatModel openAi(ModelEndpoint endpoint) {
        OpenAiChatModel.OpenAiChatModelBuilder model = OpenAiChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0)
                .temperature(endpoint.temperature())
                .maxTokens(endpoint.maxOutputTokens());
        if (endpoint.baseUrl() != null) {
            model.baseUrl(endpoint.baseUrl());
        }
        return model.build();
    }

    /** Azure's v1 endpoint speaks the OpenAI protocol; only the key travels in its own header. */
    private static ChatModel azureOpenAi(ModelEndpoint endpoint) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .baseUrl(endpoint.baseUrl())
                .customHeaders(Map.of(AZURE_KEY_HEADER, String.valueOf(endpoint.apiKey())))
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0)
                .temperature(endpoint.temperature())
                .maxTokens(endpoint.maxOutputTokens())
                .build();
    }

    private static ChatModel anthropic(ModelEndpoint endpoint) {
        AnthropicChatModel.AnthropicChatModelBuilder model = AnthropicChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0)
                .temperature(endpoint.temperature())
                .maxTokens(endpoint.maxOutputTokens() == null
                        ? ANTHROPIC_DEFAULT_MAX_TOKENS : endpoint.maxOutputTokens());
        if (endpoint.baseUrl() != null) {
            model.baseUrl(endpoint.baseUrl());
        }
        return model.build();
    }

    private static ChatModel ollama(ModelEndpoint endpoint) {
        OllamaChatModel.OllamaChatModelBuilder model = OllamaChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0)
                .temperature(endpoint.temperature())
                .numPredict(endpoint.maxOutputTokens());
        model.baseUrl(endpoint.baseUrl() == null ? "http://127.0.0.1:11434" : endpoint.baseUrl());
        if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            // Ollama behind an authenticating proxy.
            model.customHeaders(Map.of("Authorization", "Bearer " + endpoint.apiKey()));
        }
        return model.build();
    }

    private static ChatModel gemini(ModelEndpoint endpoint) {
        GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder model = GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .maxRetries(0)
                .temperature(endpoint.temperature())
                .maxOutputTokens(endpoint.maxOutputTokens());
        if (endpoint.baseUrl() != null) {
            model.baseUrl(endpoint.baseUrl());
        }
        return model.build();
    }

    private static StreamingChatModel openAiStreaming(ModelEndpoint endpoint) {
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder model = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .temperature(endpoint.temperature())
                .maxTokens(endpoint.maxOutputTokens());
        if (endpoint.provider() == ModelProvider.AZURE_OPENAI) {
            model.customHeaders(Map.of(AZURE_KEY_HEADER, String.valueOf(endpoint.apiKey())));
        } else {
            model.apiKey(endpoint.apiKey());
        }
        if (endpoint.baseUrl() != null) {
            model.baseUrl(endpoint.baseUrl());
        }
        return model.build();
    }

    private static StreamingChatModel anthropicStreaming(ModelEndpoint endpoint) {
        AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder model = AnthropicStreamingChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .temperature(endpoint.temperature())
                .maxTokens(endpoint.maxOutputTokens() == null
                        ? ANTHROPIC_DEFAULT_MAX_TOKENS : endpoint.maxOutputTokens());
        if (endpoint.baseUrl() != null) {
            model.baseUrl(endpoint.baseUrl());
        }
        return model.build();
    }

    private static StreamingChatModel ollamaStreaming(ModelEndpoint endpoint) {
        return OllamaStreamingChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                .baseUrl(endpoint.baseUrl() == null ? "http://127.0.0.1:11434" : endpoint.baseUrl())
                .modelName(endpoint.model())
                .timeout(endpoint.timeout())
                .temperature(endpoint.temperature())
                .numPredict(endpoint.maxOutputTokens())
                .build();
    }

    private static StreamingChatModel geminiStreaming(ModelEndpoint endpoint) {
        GoogleAiGeminiStreamingChatModel.GoogleAiGeminiStreamingChatModelBuilder model =
                GoogleAiGeminiStreamingChatModel.builder()
                        .httpClientBuilder(RetryAfterHttpClientBuilder.create())
                        .apiKey(endpoint.apiKey())
                        .modelName(endpoint.model())
                        .timeout(endpoint.timeout())
                        .temperature(endpoint.temperature())
                        .maxOutputTokens(endpoint.maxOutputTokens());
        if (endpoint.baseUrl() != null) {
            model.baseUrl(endpoint.baseUrl());
        }
        return model.build();
    }
}
