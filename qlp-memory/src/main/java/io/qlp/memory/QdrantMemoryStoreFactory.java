package io.qlp.memory;

import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import java.util.Optional;

/**
 * Builds {@link QdrantMemoryStore}s under the name {@value #NAME}. Properties: {@code url} (required, such as
 * {@code http://127.0.0.1:6334}; {@code https} for TLS), {@code api-key}, {@code timeout} ({@code PT10S} or
 * {@code 10s}), {@code collection-prefix} (default {@code qlp_}), and {@code embedding-model} with
 * {@code dimension} (both or neither).
 *
 * <p>Example: {@code ServiceProviders.load(MemoryStoreFactory.class, "qdrant").create(ProviderConfig.of(Map.of("url", url)))}
 */
public final class QdrantMemoryStoreFactory implements MemoryStoreFactory {

    /** The provider name. */
    public static final String NAME = "qdrant";

    /** For {@link java.util.ServiceLoader}. */
    public QdrantMemoryStoreFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A store of the configured server; the server is first contacted by the store's first call.
     *
     * @throws IllegalArgumentException naming the property when {@code url} is missing or a value is invalid
     */
    @Override
    public QdrantMemoryStore create(ProviderConfig config) {
        String url = nonBlank(config, "url").orElseThrow(() ->
                new IllegalArgumentException("property 'url' is required by the qdrant memory store, such as "
                        + "http://127.0.0.1:6334"));
        QdrantMemoryStore.Builder builder = QdrantMemoryStore.builder().url(url)
                .timeout(config.duration("timeout", QdrantMemoryStore.DEFAULT_TIMEOUT));
        nonBlank(config, "api-key").ifPresent(builder::apiKey);
        config.get("collection-prefix").map(String::trim).ifPresent(builder::collectionPrefix);
        Optional<String> model = nonBlank(config, "embedding-model");
        if (model.isPresent() != config.get("dimension").isPresent()) {
            throw new IllegalArgumentException("properties 'embedding-model' and 'dimension' go together; set both "
                    + "or neither");
        }
        model.ifPresent(id -> builder.embeddingModel(id.trim(), config.integer("dimension", 0)));
        return builder.build();
    }

    private static Optional<String> nonBlank(ProviderConfig config, String key) {
        return config.get(key).filter(value -> !value.isBlank());
    }
}
