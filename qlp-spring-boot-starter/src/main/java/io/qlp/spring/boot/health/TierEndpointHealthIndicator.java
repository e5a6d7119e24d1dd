package io.qlp.spring.boot.health;

import io.qlp.api.Tier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether a tier's model endpoint is reachable, without spending a token: one HTTP {@code GET} of the model listing
 * ({@code <base-url>/models}; {@code <base-url>/api/tags} for Ollama's native API), sent without credentials so no
 * key travels with a probe, with a short timeout. Any answer below 500 (a 401 included) means the server is there:
 * up, with the HTTP status in the details. A 5xx answer, a refused connection or a timeout is down.
 *
 * <p>Example: {@code new TierEndpointHealthIndicator(Tier.T0, "openai", "http://127.0.0.1:8080/v1", Duration.ofSeconds(2))}
 */
public final class TierEndpointHealthIndicator extends AbstractHealthIndicator {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final Tier tier;
    private final URI probe;
    private final Duration timeout;

    /**
     * Probes the endpoint of {@code tier}.
     *
     * @param provider provider name as in {@code qlp.tiers.tN.provider}; {@code openai} when null
     * @param baseUrl {@code qlp.tiers.tN.base-url}; the provider's public endpoint when null
     * @throws IllegalArgumentException naming the URL when it is not an http(s) URL
     */
    public TierEndpointHealthIndicator(Tier tier, @Nullable String provider, @Nullable String baseUrl,
                                       Duration timeout) {
        super("model endpoint health check failed");
        this.tier = tier;
        this.probe = probe(provider, baseUrl);
        this.timeout = timeout;
    }

    /** The URL this indicator gets. */
    public URI probe() {
        return probe;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(timeout).GET().build();
        HttpResponse<Void> response = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
        (response.statusCode() < 500 ? builder.up() : builder.down())
                .withDetail("tier", tier.name())
                .withDetail("url", probe.toString())
                .withDetail("httpStatus", response.statusCode());
    }

    static URI probe(@Nullable String provider, @Nullable String baseUrl) {
        String name = provider == null || provider.isBlank() ? "openai" : provider.trim().toLowerCase(Locale.ROOT);
        String base = baseUrl != null && !baseUrl.isBlank() ? baseUrl.trim() : switch (name) {
            case "anthropic" -> "https://api.anthropic.com/v1";
            case "ollama" -> "http://localhost:11434";
            case "gemini" -> "https://generativelanguage.googleapis.com/v1beta";
            default -> "https://api.openai.com/v1";
        };
        String path = name.equals("ollama") ? "/api/tags" : "/models";
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
                || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an http(s) URL: " + baseUrl);
        }
        return uri;
    }
}
