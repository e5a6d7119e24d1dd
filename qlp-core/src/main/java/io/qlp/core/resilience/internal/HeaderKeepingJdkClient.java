package io.qlp.core.resilience.internal;

import io.qlp.core.resilience.RetryAfterHttpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpClient} that forwards everything to a real one, and turns an error answer that carries
 * {@code Retry-After} into a {@link RetryAfterHttpException} before LangChain4j's client drops the headers.
 * LangChain4j's {@code JdkHttpClient} lets runtime exceptions from {@code send} pass, so the exception reaches the
 * model's exception mapper, which keeps it as the cause.
 *
 * <p>Example: {@code new JdkHttpClientBuilder().httpClientBuilder(HeaderKeepingJdkClient.builder(HttpClient.newBuilder(), clock))}
 */
public final class HeaderKeepingJdkClient extends HttpClient {

    private final HttpClient delegate;
    private final Clock clock;

    private HeaderKeepingJdkClient(HttpClient delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    /** A JDK client builder whose {@code build()} returns a header-keeping client around {@code delegate}'s. */
    public static HttpClient.Builder builder(HttpClient.Builder delegate, Clock clock) {
        return new Builder(delegate, clock);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return failOnRetryAfter(delegate.send(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, handler).thenApply(this::failOnRetryAfter);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(request, handler, pushPromiseHandler).thenApply(this::failOnRetryAfter);
    }

    private <T> HttpResponse<T> failOnRetryAfter(HttpResponse<T> response) {
        if (response.statusCode() < 400) {
            return response;
        }
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return response;
        }
        @Nullable Duration wait = RetryAfterHeader.parse(header.get(), clock).orElse(null);
        throw new RetryAfterHttpException(response.statusCode(), bodyText(response.body()), wait);
    }

    private static String bodyText(@Nullable Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body == null ? "" : body.toString();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    /** Forwards every setting to the JDK's builder and wraps what it builds. */
    private static final class Builder implements HttpClient.Builder {
        private final HttpClient.Builder delegate;
        private final Clock clock;

        private Builder(HttpClient.Builder delegate, Clock clock) {
            this.delegate = delegate;
            this.clock = clock;
        }

        @Override
        public Builder cookieHandler(CookieHandler cookieHandler) {
            delegate.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public Builder sslContext(SSLContext sslContext) {
            delegate.sslContext(sslContext);
            return this;
        }

        @Override
        public Builder sslParameters(SSLParameters sslParameters) {
            delegate.sslParameters(sslParameters);
            return this;
        }

        @Override
        public Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public Builder followRedirects(Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public Builder version(Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public Builder proxy(ProxySelector proxySelector) {
            delegate.proxy(proxySelector);
            return this;
        }

        @Override
        public Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            return new HeaderKeepingJdkClient(delegate.build(), clock);
        }
    }
}
