package io.qlp.core.provider;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach one model: provider, model name, URL, key and call settings.
 *
 * <p>Example:
 * <pre>{@code
 * ModelEndpoint endpoint = ModelEndpoint.builder(ModelProvider.OLLAMA, "qwen2.5-coder")
 *     .baseUrl("http://127.0.0.1:11434").timeout(Duration.ofSeconds(60)).maxOutputTokens(4096).build();
 * }</pre>
 *
 * @param provider the provider's API
 * @param model model (or Azure deployment) name
 * @param baseUrl endpoint URL; the provider's default when null
 * @param apiKey key; null for providers that need none
 * @param timeout longest time one HTTP call may take
 * @param temperature sampling temperature, or the model's default
 * @param maxOutputTokens most tokens in an answer, or the model's default
 */
public record ModelEndpoint(ModelProvider provider, String model, @Nullable String baseUrl, @Nullable String apiKey,
                            Duration timeout, @Nullable Double temperature, @Nullable Integer maxOutputTokens) {

    /** Default timeout of one call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public ModelEndpoint {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(timeout, "timeout");
        if (Objects.requireNonNull(model, "model").isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (temperature != null && !(temperature >= 0.0 && temperature <= 2.0)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
        }
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw new IllegalArgumentException("max output tokens must be positive: " + maxOutputTokens);
        }
        if (baseUrl != null && !baseUrl.matches("(?i)https?://.+")) {
            throw new IllegalArgumentException("base URL must start with http:// or https://: " + baseUrl);
        }
        if (provider.needsBaseUrl() && baseUrl == null) {
            throw new IllegalArgumentException("provider " + provider.id() + " needs a base URL");
        }
        if (provider.needsApiKey() && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("provider " + provider.id() + " needs an API key");
        }
    }

    /** A builder for {@code model} at {@code provider}. */
    public static Builder builder(ModelProvider provider, String model) {
        return new Builder(provider, model);
    }

    @Override
    public String toString() {
        // Never print the key.
        return "ModelEndpoint[" + provider.id() + " " + model + (baseUrl == null ? "" : " at " + baseUrl)
                + ", timeout=" + timeout + "]";
    }

    /** Builds {@link ModelEndpoint}s. */
    public static final class Builder {
        private final ModelProvider provider;
        private final String model;
        private @Nullable String baseUrl;
        private @Nullable String apiKey;
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable Double temperature;
        private @Nullable Integer maxOutputTokens;

        private Builder(ModelProvider provider, String model) {
            this.provider = provider;
            this.model = model;
        }

        /** The endpoint URL. */
        public Builder baseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim();
            return this;
        }

        /** The key. */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Longest time one call may take; default {@link ModelEndpoint#DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Sampling temperature. */
        public Builder temperature(@Nullable Double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Most tokens in an answer. */
        public Builder maxOutputTokens(@Nullable Integer maxOutputTokens) {
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        /**
         * The endpoint.
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public ModelEndpoint build() {
            return new ModelEndpoint(provider, model, baseUrl, apiKey, timeout, temperature, maxOutputTokens);
        }
    }
}
