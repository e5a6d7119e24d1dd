package io.qlp.core.store.jdbc;

import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import java.nio.file.Path;

/**
 * Registers {@link JdbcCapsuleStore} on an embedded H2 file as the {@code embedded} capsule store, the default that
 * needs no server. Properties: {@code data-dir} (required; the file is {@code data-dir/store/qlp.mv.db}),
 * {@code maximum-pool-size} (default 4), {@code connection-timeout} (default 5 s).
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleStore store = ServiceProviders.load(CapsuleStoreFactory.class, "embedded")
 *     .create(ProviderConfig.of(Map.of("data-dir", System.getProperty("user.home") + "/.qlp")));
 * }</pre>
 */
public final class EmbeddedCapsuleStoreFactory implements CapsuleStoreFactory {

    /** The name used in configuration. */
    public static final String NAME = "embedded";

    /** Called by {@link java.util.ServiceLoader}. */
    public EmbeddedCapsuleStoreFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @throws IllegalArgumentException when {@code data-dir} is missing or a value is bad */
    @Override
    public CapsuleStore create(ProviderConfig config) {
        String dataDir = config.get("data-dir").orElseThrow(() -> new IllegalArgumentException(
                "property 'data-dir' is required for the embedded store"));
        JdbcCapsuleStore.Builder builder = JdbcCapsuleStore.builder().embedded(Path.of(dataDir));
        config.get("maximum-pool-size").ifPresent(size -> builder.maximumPoolSize(config.integer("maximum-pool-size", 4)));
        builder.connectionTimeout(config.duration("connection-timeout", java.time.Duration.ofSeconds(5)));
        return builder.build();
    }
}
