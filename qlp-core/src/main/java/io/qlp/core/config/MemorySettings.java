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
import java.util.function.Function;
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
     * @param apiKey sent as the {@code api-key} header; prefer {@code apiKeyEnv} so the key stays out of files
     * @param apiKeyEnv name of an environment variable that holds the API key; {@code apiKey} wins when both are set
     * @param timeout deadline of every call; 10 s when unset
     * @param collectionPrefix prefix of QLP's Qdrant collections; {@code qlp_} when unset
     */
    public record Qdrant(@Nullable String url, @Nullable String apiKey, @Nullable String apiKeyEnv,
                         @Nullable Duration timeout, @Nullable String collectionPrefix) {

        /** A server with default settings. */
        public Qdrant(@Nullable String url) {
            this(url, null, null, null, null);
        }

        /**
         * The API key: {@code apiKey} when set, else the variable named by {@code apiKeyEnv}, else none.
         *
         * @param environment looks up the variable named by {@code apiKeyEnv}, such as {@code System::getenv}
         * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming
         *     {@code qlp.memory.qdrant.api-key-env} when that variable is unset or blank
         */
        public @Nullable String resolvedApiKey(Function<String, String> environment) {
            if (apiKey != null && !apiKey.isBlank()) {
                return apiKey;
            }
            if (apiKeyEnv == null || apiKeyEnv.isBlank()) {
                return null;
            }
            String fromEnvironment = environment.apply(apiKeyEnv.trim());
            if (fromEnvironment == null || fromEnvironment.isBlank()) {
                throw configuration("qlp.memory.qdrant.api-key-env", "environment variable " + apiKeyEnv.trim()
                        + " named by qlp.memory.qdrant.api-key-env is not set");
            }
            return fromEnvironment;
        }

        /** Shows whether a key is set, never the key itself: settings end up in logs and error reports. */
        @Override
        public String toString() {
            return "Qdrant[url=" + url + ", apiKey=" + (apiKey == null ? null : "***") + ", apiKeyEnv=" + apiKeyEnv
                    + ", timeout=" + timeout + ", collectionPrefix=" + collectionPrefix + "]";
        }

        private Map<String, String> properties(Function<String, String> environment) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("url", Objects.requireNonNull(url));
            String key = resolvedApiKey(environment);
            if (key != null) {
                properties.put("api-key", key);
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
     * Opens the configured store, reading {@code qlp.memory.qdrant.api-key-env} with {@link System#getenv}; the
     * caller closes it.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when the store is unknown
     *     or its settings are incomplete
     */
    public MemoryStore open(Path dataDir) {
        return open(dataDir, System::getenv);
    }

    /**
     * Opens the configured store; the caller closes it.
     *
     * @param environment looks up the variable named by {@code qlp.memory.qdrant.api-key-env}
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when the store is unknown
     *     or its settings are incomplete
     */
    public MemoryStore open(Path dataDir, Function<String, String> environment) {
        String name = resolvedStore();
        Map<String, String> properties = switch (name) {
            case EMBEDDED -> Map.of("directory", dataDir.resolve("memory").toString());
            case "in-memory" -> Map.of();
            case "qdrant" -> {
                if (qdrant == null || qdrant.url() == null || qdrant.url().isBlank()) {
                    throw configuration("qlp.memory.qdrant.url", "qlp.memory.qdrant.url must be set for "
                            + "qlp.memory.store: qdrant, such as http://127.0.0.1:6334");
                }
                yield qdrant.properties(environment);
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
