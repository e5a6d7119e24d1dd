package io.qlp.api.spi;

/**
 * Builds {@link CapsuleExporter}s; register in {@code META-INF/services/io.qlp.api.spi.CapsuleExporterFactory}.
 *
 * <p>Example: {@code CapsuleExporter zip = ServiceProviders.load(CapsuleExporterFactory.class, "zip").create(config);}
 */
public interface CapsuleExporterFactory extends ProviderFactory<CapsuleExporter> {
}
