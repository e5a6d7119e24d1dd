package io.qlp.api.spi;

import java.util.Set;

/**
 * Common shape of every SPI factory: a unique name and a way to build the provider from configuration.
 * Implementations need a public no-argument constructor and an entry in {@code META-INF/services}.
 *
 * <p>Example: {@code ServiceProviders.load(TierRouterFactory.class, "complexity").create(ProviderConfig.empty())}
 *
 * @param <T> the provider type
 */
public interface ProviderFactory<T> {

    /** Unique name, used in configuration to pick this provider, such as {@code complexity} or {@code zip}. */
    String name();

    /**
     * Builds the provider.
     *
     * @throws IllegalArgumentException naming the property when a value is invalid
     */
    T create(ProviderConfig config);

    /**
     * The names of the properties {@link #create} reads, so that configuration can reject a misspelt one (such as
     * {@code test-timout}) instead of silently building the provider with its default. The default, an empty set,
     * declares nothing, and every property is passed on unchecked.
     */
    default Set<String> propertyNames() {
        return Set.of();
    }
}
