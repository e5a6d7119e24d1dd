package io.qlp.core.resilience;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import io.qlp.core.resilience.internal.HeaderKeepingJdkClient;
import java.time.Clock;
import java.time.Duration;

/**
 * A LangChain4j {@link HttpClientBuilder} that builds LangChain4j's JDK client, decorated so that an error answer
 * with a {@code Retry-After} header fails with a {@link RetryAfterHttpException} that carries the wait. Hand it to
 * any LangChain4j model's {@code httpClientBuilder(...)}; timeouts set by the model pass through.
 *
 * <p>Example:
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder().baseUrl(url).apiKey(key).modelName("gpt-4o-mini")
 *     .httpClientBuilder(RetryAfterHttpClientBuilder.create()).maxRetries(0).build();
 * }</pre>
 */
public final class RetryAfterHttpClientBuilder implements HttpClientBuilder {

    private final JdkHttpClientBuilder delegate;

    private RetryAfterHttpClientBuilder(Clock clock) {
        this.delegate = new JdkHttpClientBuilder()
                .httpClientBuilder(HeaderKeepingJdkClient.builder(java.net.http.HttpClient.newBuilder(), clock));
    }

    /** A builder reading HTTP-date {@code Retry-After} values against the system clock. */
    public static RetryAfterHttpClientBuilder create() {
        return new RetryAfterHttpClientBuilder(Clock.systemUTC());
    }

    /** A builder reading HTTP-date {@code Retry-After} values against {@code clock}. */
    public static RetryAfterHttpClientBuilder create(Clock clock) {
        return new RetryAfterHttpClientBuilder(clock);
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public RetryAfterHttpClientBuilder connectTimeout(Duration timeout) {
        delegate.connectTimeout(timeout);
        return this;
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public RetryAfterHttpClientBuilder readTimeout(Duration timeout) {
        delegate.readTimeout(timeout);
        return this;
    }

    @Override
    public HttpClient build() {
        return delegate.build();
    }
}
