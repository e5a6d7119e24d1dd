/**
 * LangChain4j chat models per provider, built from a {@link io.qlp.core.provider.ModelEndpoint}: {@code openai}
 * (any OpenAI-compatible endpoint), {@code azure-openai}, {@code anthropic}, {@code ollama} and {@code gemini}. Every
 * model is built with its own retries off and with {@link io.qlp.core.resilience.RetryAfterHttpClientBuilder}, so
 * QLP's Resilience4j retry is the one policy and can honour {@code Retry-After}.
 *
 * <p>Example:
 * <pre>{@code
 * ModelEndpoint endpoint = ModelEndpoint.builder(ModelProvider.ANTHROPIC, "claude-sonnet-4-5")
 *     .apiKey(System.getenv("ANTHROPIC_API_KEY")).timeout(Duration.ofSeconds(90)).build();
 * ChatModel model = ChatModels.chatModel(endpoint);
 * }</pre>
 */
@NullMarked
package io.qlp.core.provider;

import org.jspecify.annotations.NullMarked;
