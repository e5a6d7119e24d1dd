package io.qlp.api.spi;

/**
 * Builds {@link TierRouter}s; register in {@code META-INF/services/io.qlp.api.spi.TierRouterFactory}.
 *
 * <p>Example: {@code TierRouter router = ServiceProviders.load(TierRouterFactory.class, "complexity").create(config);}
 */
public interface TierRouterFactory extends ProviderFactory<TierRouter> {
}
