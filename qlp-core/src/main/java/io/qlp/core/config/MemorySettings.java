package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where QLP keeps what it learns, under {@code qlp.memory}.
 *
 * <p>Example (YAML): {@code memory: {store: embedded}}
 *
 * @param enabled whether generation remembers validated capsules and recalls them into prompts; default true
 * @param store {@code embedded} (default: a Lucene HNSW index under {@code <qlp.data-dir>/memory}),
 *     {@code in-memory} (nothing kept after the process) or {@code qdrant}
 * @param qdrant the Qdrant server, for {@code store: qdrant}
 */
public record MemorySettings(@Nullable Boolean enabled, @Nullable String store, @Nullable Qdrant qdrant) {

    /** The default store. */
    public static final String EMBEDDED = "embedded";

    /**
     * The Qdrant server, under {@code qlp.memory.qdrant}.
     *
     * @param url gRPC URL such as {@code http://127.0.0.1:6334}; {@code https} for TLS
     * @param apiKey sent as the {@code api-key} header; none when unset
     * @param timeout deadline of every call; 10 s when unset
     * @param collectionPrefix prefix of QLP's Qdrant collections; {@code qlp_} when unset
     */
    public record Qdrant(@Nullable String url, @Nullable String apiKey, @Nullable Duration timeout,
                         @Nullable String collectionPrefix) {

        /** A server with default settings. */
        public Qdrant(@Nullable String url) {
            this(url, null, null, null);
        }

        private Map<String, String> properties() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("url", Objects.requireNonNull(url));
            if (apiKey != null && !apiKey.isBlank()) {
                properties.put("api-key", apiKey);
            }
            if (timeout != null) {
                properties.put("timeout", timeout.toString());
            }
            if (collectionPrefix != null) {
                properties.put("collection-prefix", collectionPrefix);
            }
            return properties;
        }
    }

    /** Memory on, embedded store. */
    public static MemorySettings defaults() {
        return new MemorySettings(null, null, null);
    }

    /** Whether memory is on. */
    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** The store name, lower case, {@value #EMBEDDED} when unset. */
    public String resolvedStore() {
        return store == null || store.isBlank() ? EMBEDDED : store.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Opens the configured store; the caller closes it.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when the store is unknown
     *     or its settings are incomplete
     */
    public MemoryStore open(Path dataDir) {
        String name = resolvedStore();
        Map<String, String> properties = switch (name) {
            case EMBEDDED -> Map.of("directory", dataDir.resolve("memory").toString());
            case "in-memory" -> Map.of();
            case "qdrant" -> {
                if (qdrant == null || qdrant.url() == null || qdrant.url().isBlank()) {
                    throw configuration("qlp.memory.qdrant.url", "qlp.memory.qdrant.url must be set for "
                            + "qlp.memory.store: qdrant, such as http://127.0.0.1:6334");
                }
                yield qdrant.properties();
            }
            default -> throw configuration("qlp.memory.store", "qlp.memory.store must be embedded, in-memory or "
                    + "qdrant, was '" + store + "'");
        };
        try {
            return ServiceProviders.load(MemoryStoreFactory.class, name).create(ProviderConfig.of(properties));
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.memory", "qlp.memory: " + e.getMessage());
        } catch (NonRetriableQlpException e) {
            if (e.errorCode() == ErrorCode.PROVIDER_NOT_FOUND) {
                throw configuration("qlp.memory.store", "memory store '" + name + "' is not on the class path: "
                        + e.rawMessage());
            }
            throw e;
        }
    }

    private static NonRetriableQlpException configuration(String key, String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", key));
    }
}
