package io.qlp.core.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The model providers a tier can name under {@code qlp.tiers.tN.provider}.
 *
 * <p>Example: {@code ModelProvider.parse("azure-openai").needsBaseUrl()} is {@code true}.
 */
public enum ModelProvider {
    /** Any OpenAI-compatible chat-completions endpoint: OpenAI, vLLM, LM Studio, Ollama's {@code /v1}. */
    OPENAI("openai", true, false),
    /**
     * Azure OpenAI through its OpenAI-compatible v1 endpoint ({@code https://RESOURCE.openai.azure.com/openai/v1}),
     * with the key in an {@code api-key} header; the model is the deployment name.
     */
    AZURE_OPENAI("azure-openai", true, true),
    /** Anthropic's Messages API. */
    ANTHROPIC("anthropic", true, false),
    /** Ollama's native chat API ({@code http://127.0.0.1:11434}); no key needed. */
    OLLAMA("ollama", false, false),
    /** Google AI Gemini's generateContent API. */
    GEMINI("gemini", true, false);

    private final String id;
    private final boolean needsApiKey;
    private final boolean needsBaseUrl;

    ModelProvider(String id, boolean needsApiKey, boolean needsBaseUrl) {
        this.id = id;
        this.needsApiKey = needsApiKey;
        this.needsBaseUrl = needsBaseUrl;
    }

    /** The name used in configuration, such as {@code azure-openai}. */
    public String id() {
        return id;
    }

    /** Whether a key is required. */
    public boolean needsApiKey() {
        return needsApiKey;
    }

    /** Whether the provider has no default URL, so {@code base-url} is required. */
    public boolean needsBaseUrl() {
        return needsBaseUrl;
    }

    /**
     * Reads a configuration name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static ModelProvider parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ModelProvider provider : values()) {
            if (provider.id.equals(wanted)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + name + "'; expected one of "
                + Arrays.stream(values()).map(ModelProvider::id).collect(Collectors.joining(", ")));
    }

    /** Our name of a LangChain4j provider, or its lower-case name for others. */
    public static String idOf(dev.langchain4j.model.ModelProvider provider) {
        return switch (provider) {
            case OPEN_AI -> OPENAI.id;
            case AZURE_OPEN_AI -> AZURE_OPENAI.id;
            case ANTHROPIC -> ANTHROPIC.id;
            case OLLAMA -> OLLAMA.id;
            case GOOGLE_AI_GEMINI -> GEMINI.id;
            default -> provider.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
