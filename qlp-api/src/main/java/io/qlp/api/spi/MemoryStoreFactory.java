package io.qlp.api.spi;

/**
 * Builds {@link MemoryStore}s; register in {@code META-INF/services/io.qlp.api.spi.MemoryStoreFactory}.
 *
 * <p>Example: {@code MemoryStore store = ServiceProviders.load(MemoryStoreFactory.class, "in-memory").create(config);}
 */
public interface MemoryStoreFactory extends ProviderFactory<MemoryStore> {
}
