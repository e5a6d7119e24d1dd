package io.qlp.spring.boot;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.MemoryStore;
import io.qlp.core.config.MemorySettings;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.StoreSettings;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Keeps memory and the semantic cache in Qdrant when its client is on the class path and
 * {@code qlp.memory.store=qdrant}: the {@link MemoryStore} is the one {@code qlp.memory} names, and a
 * {@link QdrantClient} bean on {@code qlp.memory.qdrant.url} serves the health check.
 *
 * <p>Example: {@code qlp.memory.store=qdrant} and {@code qlp.memory.qdrant.url=http://127.0.0.1:6334}
 */
@AutoConfiguration(before = QlpAutoConfiguration.class)
@ConditionalOnClass(QdrantClient.class)
@ConditionalOnProperty(name = "qlp.memory.store", havingValue = "qdrant")
public class QlpQdrantAutoConfiguration {

    /** Default gRPC port of Qdrant. */
    static final int DEFAULT_GRPC_PORT = 6334;

    /** A gRPC client of {@code qlp.memory.qdrant.url}; closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    public QdrantClient qlpQdrantClient(QlpSettings settings, Environment environment) {
        URI url = url(settings);
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : DEFAULT_GRPC_PORT;
        // No compatibility check: it would call the server while the context starts.
        QdrantGrpcClient.Builder client = QdrantGrpcClient.newBuilder(url.getHost(), port, tls, false);
        MemorySettings.Qdrant qdrant = settings.memory().qdrant();
        String apiKey = qdrant == null ? null : qdrant.resolvedApiKey(QlpAutoConfiguration.lookup(environment));
        if (apiKey != null) {
            client.withApiKey(apiKey);
        }
        return new QdrantClient(client.build());
    }

    /** The Qdrant memory store of {@code qlp.memory}; closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(QlpAutoConfiguration.MemoryNeeded.class)
    public MemoryStore qlpMemoryStore(QlpSettings settings, Environment environment) {
        return settings.memory().open(StoreSettings.dataDir(settings.dataDir(),
                QlpAutoConfiguration.lookup(environment)), QlpAutoConfiguration.lookup(environment));
    }

    private static URI url(QlpSettings settings) {
        String url = settings.memory().qdrant() == null ? null : settings.memory().qdrant().url();
        if (url == null || url.isBlank()) {
            throw configuration("qlp.memory.qdrant.url must be set for qlp.memory.store: qdrant, such as "
                    + "http://127.0.0.1:6334");
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.memory.qdrant.url is not a URL such as http://127.0.0.1:6334: '" + url + "'");
        }
    }

    private static NonRetriableQlpException configuration(String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", "qlp.memory.qdrant.url"));
    }
}
