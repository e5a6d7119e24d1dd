package io.qlp.core.provider;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;

/** An OpenAI-protocol model that reports itself as Azure OpenAI, so errors and metrics name the right provider. */
final class AzureOpenAiChatModel implements ChatModel {

    private final ChatModel delegate;

    AzureOpenAiChatModel(ChatModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return delegate.chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.AZURE_OPEN_AI;
    }

    @Override
    public String toString() {
        return "AzureOpenAiChatModel[" + delegate + "]";
    }
}
