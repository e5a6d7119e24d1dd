package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.core.store.CachingCapsuleStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where capsules are kept, under {@code qlp.store}.
 *
 * <p>Example (YAML):
 * <pre>{@code
 * qlp:
 *   data-dir: /var/lib/qlp
 *   store:
 *     type: jdbc
 *     jdbc-url: "jdbc:postgresql://127.0.0.1:5432/qlp"
 *     username: qlp
 *     password-env: QLP_DB_PASSWORD
 *     cache: {enabled: true, maximum-size: 10000, latest-ttl: PT2S}
 * }</pre>
 *
 * @param type {@code embedded} (default: an H2 file under {@code qlp.data-dir}), {@code jdbc} (a database server)
 *     or {@code in-memory} (gone when the process ends)
 * @param jdbcUrl the server, for {@code jdbc}, such as {@code jdbc:postgresql://127.0.0.1:5432/qlp}
 * @param username the database user, for {@code jdbc}
 * @param password the database password; prefer {@code passwordEnv}
 * @param passwordEnv name of an environment variable holding the password
 * @param schema the schema for the tables, created if missing; the user's default when unset
 * @param maximumPoolSize most open connections; default 10 ({@code jdbc}) or 4 ({@code embedded})
 * @param connectionTimeout how long a call waits for a free connection; default 5 s
 * @param cache the read cache in front of the store ({@code qlp.store.cache}); on by default
 */
public record StoreSettings(@Nullable String type, @Nullable String jdbcUrl, @Nullable String username,
                            @Nullable String password, @Nullable String passwordEnv, @Nullable String schema,
                            @Nullable Integer maximumPoolSize, @Nullable Duration connectionTimeout,
                            @Nullable Cache cache) {

    /**
     * {@code qlp.store.cache}: capsules read recently are kept in memory ({@link CachingCapsuleStore}). Numbered
     * versions stay until deleted; the latest version of a capsule is kept at most {@code latestTtl}, so a write by
     * another process is seen within that time. This process's own writes are seen at once.
     *
     * @param enabled whether reads are cached; default true
     * @param maximumSize most capsules kept per cache; default {@value CachingCapsuleStore#DEFAULT_MAXIMUM_SIZE}
     * @param latestTtl longest time a latest version is served from memory; default 2 s
     */
    public record Cache(@Nullable Boolean enabled, @Nullable Long maximumSize, @Nullable Duration latestTtl) {
    }

    /** Settings without {@code qlp.store.cache}, which then has its defaults. */
    public StoreSettings(@Nullable String type, @Nullable String jdbcUrl, @Nullable String username,
                         @Nullable String password, @Nullable String passwordEnv, @Nullable String schema,
                         @Nullable Integer maximumPoolSize, @Nullable Duration connectionTimeout) {
        this(type, jdbcUrl, username, password, passwordEnv, schema, maximumPoolSize, connectionTimeout, null);
    }

    /** The default store type. */
    public static final String EMBEDDED = "embedded";
    /** A database server over JDBC. */
    public static final String JDBC = "jdbc";
    /** Kept in memory only. */
    public static final String IN_MEMORY = "in-memory";
    /** Environment variable that overrides the default data folder. */
    public static final String ENV_DATA_DIR = "QLP_DATA_DIR";

    /** Settings with every value at its default: the embedded store. */
    public static StoreSettings defaults() {
        return new StoreSettings(null, null, null, null, null, null, null, null, null);
    }

    /** Whether reads go through the cache ({@code qlp.store.cache.enabled}, default true). */
    public boolean cacheEnabled() {
        return cache == null || cache.enabled() == null || cache.enabled();
    }

    /**
     * {@code store} behind the read cache that {@code qlp.store.cache} describes, or {@code store} itself when the
     * cache is off.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when a value is invalid
     */
    public CapsuleStore withCache(CapsuleStore store) {
        if (!cacheEnabled()) {
            return store;
        }
        CachingCapsuleStore.Builder builder = CachingCapsuleStore.builder().delegate(store);
        try {
            if (cache != null && cache.maximumSize() != null) {
                builder.maximumSize(cache.maximumSize());
            }
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.store.cache.maximum-size", "qlp.store.cache.maximum-size: " + e.getMessage());
        }
        try {
            if (cache != null && cache.latestTtl() != null) {
                builder.latestTtl(cache.latestTtl());
            }
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.store.cache.latest-ttl", "qlp.store.cache.latest-ttl: " + e.getMessage());
        }
        return builder.build();
    }

    /**
     * The store type, lower case.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming {@code qlp.store.type} when unknown
     */
    public String resolvedType() {
        String value = type == null || type.isBlank() ? EMBEDDED : type.trim().toLowerCase(Locale.ROOT);
        if (!value.equals(EMBEDDED) && !value.equals(JDBC) && !value.equals(IN_MEMORY)) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "qlp.store.type must be embedded, jdbc or"
                    + " in-memory, was '" + type + "'", Map.of("key", "qlp.store.type"));
        }
        return value;
    }

    /**
     * The data folder: {@code qlp.data-dir} when set, else {@value #ENV_DATA_DIR}, else {@code ~/.qlp}.
     *
     * @param configured the {@code qlp.data-dir} value, if any
     */
    public static Path dataDir(@Nullable String configured, Function<String, String> environment) {
        String value = configured != null && !configured.isBlank() ? configured : environment.apply(ENV_DATA_DIR);
        if (value == null || value.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".qlp");
        }
        if (value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(value.substring(2));
        }
        return Path.of(value);
    }

    /**
     * The properties for the store factory named by {@link #resolvedType()}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key when {@code jdbc} has no
     *     URL or the password variable is unset
     */
    public ProviderConfig providerConfig(Path dataDir, Function<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        String resolved = resolvedType();
        if (resolved.equals(EMBEDDED)) {
            properties.put("data-dir", dataDir.toString());
        }
        if (resolved.equals(JDBC)) {
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                throw configuration("qlp.store.jdbc-url", "qlp.store.jdbc-url must be set for qlp.store.type jdbc,"
                        + " such as jdbc:postgresql://127.0.0.1:5432/qlp");
            }
            properties.put("jdbc-url", jdbcUrl);
            putIfSet(properties, "username", username);
            putIfSet(properties, "password", password(environment));
            putIfSet(properties, "schema", schema);
        }
        if (!resolved.equals(IN_MEMORY)) {
            if (maximumPoolSize != null) properties.put("maximum-pool-size", maximumPoolSize.toString());
            if (connectionTimeout != null) properties.put("connection-timeout", connectionTimeout.toString());
        }
        return ProviderConfig.of(properties);
    }

    private @Nullable String password(Function<String, String> environment) {
        if (password != null) {
            return password;
        }
        if (passwordEnv == null) {
            return null;
        }
        String value = environment.apply(passwordEnv);
        if (value == null) {
            throw configuration("qlp.store.password-env", "environment variable " + passwordEnv
                    + " named by qlp.store.password-env is not set");
        }
        return value;
    }

    private static void putIfSet(Map<String, String> properties, String key, @Nullable String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    private static NonRetriableQlpException configuration(String key, String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", key));
    }
}
