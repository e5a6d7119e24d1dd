package io.qlp.core.store;

import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;

/**
 * Registers {@link InMemoryCapsuleStore} as the {@code in-memory} capsule store. It takes no properties.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleStore store = ServiceProviders.load(CapsuleStoreFactory.class, "in-memory").create(ProviderConfig.empty());
 * }</pre>
 */
public final class InMemoryCapsuleStoreFactory implements CapsuleStoreFactory {

    /** The name used in configuration. */
    public static final String NAME = "in-memory";

    /** Called by {@link java.util.ServiceLoader}. */
    public InMemoryCapsuleStoreFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CapsuleStore create(ProviderConfig config) {
        return new InMemoryCapsuleStore();
    }
}
