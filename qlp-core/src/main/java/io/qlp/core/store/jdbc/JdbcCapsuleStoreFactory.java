package io.qlp.core.store.jdbc;

import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import java.time.Duration;

/**
 * Registers {@link JdbcCapsuleStore} on a database server as the {@code jdbc} capsule store. Properties (the
 * {@code qlp.store.*} keys): {@code jdbc-url} (required), {@code username}, {@code password}, {@code schema},
 * {@code maximum-pool-size} (default 10), {@code connection-timeout} (default 5 s).
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleStore store = ServiceProviders.load(CapsuleStoreFactory.class, "jdbc").create(ProviderConfig.of(Map.of(
 *     "jdbc-url", "jdbc:postgresql://127.0.0.1:5432/qlp", "username", "qlp", "password", secret)));
 * }</pre>
 */
public final class JdbcCapsuleStoreFactory implements CapsuleStoreFactory {

    /** The name used in configuration. */
    public static final String NAME = "jdbc";

    /** Called by {@link java.util.ServiceLoader}. */
    public JdbcCapsuleStoreFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @throws IllegalArgumentException naming the property when {@code jdbc-url} is missing or a value is bad */
    @Override
    public CapsuleStore create(ProviderConfig config) {
        String url = config.get("jdbc-url").orElseThrow(() -> new IllegalArgumentException(
                "property 'jdbc-url' is required for the jdbc store, such as jdbc:postgresql://127.0.0.1:5432/qlp"));
        JdbcCapsuleStore.Builder builder = JdbcCapsuleStore.builder().jdbcUrl(url);
        return common(builder, config, 10).build();
    }

    /** Applies the properties both factories share. */
    static JdbcCapsuleStore.Builder common(JdbcCapsuleStore.Builder builder, ProviderConfig config, int poolSize) {
        config.get("username").ifPresent(builder::username);
        config.get("password").ifPresent(builder::password);
        config.get("schema").ifPresent(builder::schema);
        builder.maximumPoolSize(config.integer("maximum-pool-size", poolSize));
        builder.connectionTimeout(config.duration("connection-timeout", Duration.ofSeconds(5)));
        return builder;
    }
}
