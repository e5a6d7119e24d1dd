package io.qlp.server.config;

import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import io.qlp.server.progress.GenerationRegistry;
import io.qlp.server.progress.GenerationService;
import io.qlp.server.security.ApiKeyFilter;
import io.qlp.server.security.ApiKeys;
import io.qlp.server.security.BodySizeFilter;
import io.qlp.server.security.LocalRequestLimiter;
import io.qlp.server.security.RedisRequestLimiter;
import io.qlp.server.security.RequestIdFilter;
import io.qlp.server.security.RequestLimiter;
import io.qlp.server.web.StaticPageHeaders;
import io.qlp.server.web.TenantCapsules;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The server's own beans: keys, the rate limiter (Redis when configured), the filters in their order (request id,
 * the web page's headers, key and limit, body size), the generation registry and service, the tenant view of the store, and the exporters.
 *
 * <p>Example: {@code qlp.server.rate-limit.redis-url: redis://127.0.0.1:6379} shares limits between instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServerProperties.class)
public class ServerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConfiguration.class);
    /** The tenant of the key made at start when none is configured. */
    static final String LOCAL_TENANT = "local";

    /** The accepted keys; one random key for tenant {@code local}, logged once, when none is configured. */
    @Bean
    ApiKeys apiKeys(ServerProperties properties) {
        if (!properties.apiKeys().isEmpty()) {
            return ApiKeys.of(properties.apiKeys());
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String key = "qlp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        LOG.warn("qlp.server.api-keys is empty: this run accepts one key for tenant '{}': {}  (configure keys as"
                + " SHA-256 hashes, see docs/server.md)", LOCAL_TENANT, key);
        return ApiKeys.of(List.of(new ServerProperties.ApiKey(LOCAL_TENANT, ApiKeys.sha256Hex(key))));
    }

    /** Per-key limits: in Redis when {@code qlp.server.rate-limit.redis-url} or {@code qlp.cache.redis.url} is set. */
    @Bean(destroyMethod = "close")
    RequestLimiter requestLimiter(ServerProperties properties, QlpSettings settings) {
        ServerProperties.RateLimit limit = properties.rateLimit();
        String url = limit.redisUrl();
        if ((url == null || url.isBlank()) && settings.cache().redis() != null) {
            url = settings.cache().redis().url();
        }
        if (url != null && !url.isBlank()) {
            LOG.info("rate limit: {} requests per minute and key, shared in Redis", limit.requestsPerMinute());
            return new RedisRequestLimiter(url.trim(), limit.redisKeyPrefix(), limit.requestsPerMinute());
        }
        LOG.info("rate limit: {} requests per minute and key, in this process", limit.requestsPerMinute());
        return new LocalRequestLimiter(limit.requestsPerMinute());
    }

    /** Request ids first, so every answer carries one. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Keys and limits before anything reads the body. */
    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, RequestLimiter limiter) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, limiter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The web page's Content Security Policy and other headers, on the page and its static files only. */
    @Bean
    FilterRegistrationBean<StaticPageHeaders> staticPageHeaders() {
        FilterRegistrationBean<StaticPageHeaders> registration = new FilterRegistrationBean<>(new StaticPageHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Body size after authentication, so strangers learn nothing about limits. */
    @Bean
    FilterRegistrationBean<BodySizeFilter> bodySizeFilter(ServerProperties properties) {
        FilterRegistrationBean<BodySizeFilter> registration = new FilterRegistrationBean<>(
                new BodySizeFilter(properties.maxRequestBytes().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Running generations and their events. */
    @Bean
    GenerationRegistry generationRegistry(ServerProperties properties) {
        return new GenerationRegistry(properties.eventLogSize(), properties.runRetention(), 100_000);
    }

    /**
     * Starts generations: as Temporal workflows when {@code qlp.orchestration} is {@code temporal} (the starter then
     * provides the client), in this process otherwise; answers with a configuration error when neither can run.
     */
    @Bean
    GenerationService generationService(ObjectProvider<CapsuleGenerator> generator,
                                        ObjectProvider<TemporalCapsuleClient> temporal, GenerationRegistry registry) {
        return new GenerationService(generator.getIfAvailable(), temporal.getIfAvailable(), registry);
    }

    /** The store as each tenant sees it. */
    @Bean
    TenantCapsules tenantCapsules(CapsuleStore store) {
        return new TenantCapsules(store);
    }

    /** The archive formats, signed when {@code qlp.export.signing} is set. */
    @Bean
    Map<String, CapsuleExporter> capsuleExporters(QlpSettings settings, Environment environment) {
        Map<String, CapsuleExporter> exporters = new LinkedHashMap<>();
        for (String format : List.of("zip", "tar.gz")) {
            exporters.put(format, ServiceProviders.load(CapsuleExporterFactory.class, format)
                    .create(settings.export().providerConfig(environment::getProperty)));
        }
        return Map.copyOf(exporters);
    }
}
