package io.qlp.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One tier's model, as configured under {@code qlp.tiers.tN}.
 *
 * <p>Example (YAML):
 * <pre>{@code
 * t0: {provider: openai, base-url: http://127.0.0.1:8080/v1, api-key: x, model: small,
 *      input-usd-per-1k-tokens: 0.0005, output-usd-per-1k-tokens: 0.0015}
 * }</pre>
 *
 * @param provider {@code openai} (default; any OpenAI-compatible endpoint: OpenAI, vLLM, Ollama's /v1, LM Studio),
 *     {@code azure-openai} (Azure's OpenAI-compatible v1 endpoint; base-url required), {@code anthropic},
 *     {@code ollama} (native API; no key needed) or {@code gemini}
 * @param baseUrl endpoint URL, such as {@code http://127.0.0.1:11434/v1}; the provider's default when unset
 * @param apiKey API key; prefer {@code apiKeyEnv} so the key stays out of files
 * @param apiKeyEnv name of an environment variable that holds the API key
 * @param model model name sent to the endpoint
 * @param timeout how long one call may take; default 120 s
 * @param maxRetries retries of a failed call (429, 5xx, timeout) by QLP's retry policy; default 2
 * @param temperature sampling temperature; the model's default when unset
 * @param maxOutputTokens most tokens in an answer; the model's default when unset
 * @param inputUsdPer1kTokens price of 1,000 prompt tokens; default 0
 * @param outputUsdPer1kTokens price of 1,000 completion tokens; default 0
 */
public record TierSettings(@Nullable String provider, @Nullable String baseUrl, @Nullable String apiKey,
                           @Nullable String apiKeyEnv, @Nullable String model, @Nullable Duration timeout,
                           @Nullable Integer maxRetries, @Nullable Double temperature,
                           @Nullable Integer maxOutputTokens,
                           @JsonProperty("input-usd-per-1k-tokens") @Nullable BigDecimal inputUsdPer1kTokens,
                           @JsonProperty("output-usd-per-1k-tokens") @Nullable BigDecimal outputUsdPer1kTokens) {

    /** Every setting but the API key, which must never reach a log line or an error message. */
    @Override
    public String toString() {
        return "TierSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? null : "***") + ", apiKeyEnv=" + apiKeyEnv + ", model=" + model + ", timeout="
                + timeout + ", maxRetries=" + maxRetries + ", temperature=" + temperature + ", maxOutputTokens="
                + maxOutputTokens + ", inputUsdPer1kTokens=" + inputUsdPer1kTokens + ", outputUsdPer1kTokens="
                + outputUsdPer1kTokens + "]";
    }
}
