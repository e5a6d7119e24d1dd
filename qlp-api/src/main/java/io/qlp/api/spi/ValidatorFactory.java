package io.qlp.api.spi;

/**
 * Builds {@link Validator}s; register in {@code META-INF/services/io.qlp.api.spi.ValidatorFactory}.
 *
 * <p>Example: {@code ServiceProviders.loadAll(ValidatorFactory.class).forEach(f -> validators.add(f.create(config)));}
 */
public interface ValidatorFactory extends ProviderFactory<Validator> {
}
