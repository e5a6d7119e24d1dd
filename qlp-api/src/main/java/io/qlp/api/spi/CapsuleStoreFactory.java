package io.qlp.api.spi;

/**
 * Builds {@link CapsuleStore}s; register in {@code META-INF/services/io.qlp.api.spi.CapsuleStoreFactory}.
 *
 * <p>Example: {@code CapsuleStore store = ServiceProviders.load(CapsuleStoreFactory.class, "in-memory").create(config);}
 */
public interface CapsuleStoreFactory extends ProviderFactory<CapsuleStore> {
}
