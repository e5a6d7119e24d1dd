package io.qlp.memory;

import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;

/**
 * Builds {@link InMemoryMemoryStore}s under the name {@value #NAME}; it reads no properties.
 *
 * <p>Example: {@code MemoryStore store = ServiceProviders.load(MemoryStoreFactory.class, "in-memory").create(config);}
 */
public final class InMemoryMemoryStoreFactory implements MemoryStoreFactory {

    /** The provider name. */
    public static final String NAME = "in-memory";

    /** For {@link java.util.ServiceLoader}. */
    public InMemoryMemoryStoreFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A new, empty store; every call returns a separate one. */
    @Override
    public InMemoryMemoryStore create(ProviderConfig config) {
        return InMemoryMemoryStore.create();
    }
}
