package io.qlp.core.export;

import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.ProviderConfig;

/**
 * Registers {@link DirectoryCapsuleExporter} as the {@code directory} exporter. It takes no properties.
 *
 * <p>Example:
 * <pre>{@code
 * ServiceProviders.load(CapsuleExporterFactory.class, "directory").create(ProviderConfig.empty())
 *     .export(capsule, Path.of("out/project"));
 * }</pre>
 */
public final class DirectoryCapsuleExporterFactory implements CapsuleExporterFactory {

    /** The name used in configuration. */
    public static final String NAME = "directory";

    /** Called by {@link java.util.ServiceLoader}. */
    public DirectoryCapsuleExporterFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CapsuleExporter create(ProviderConfig config) {
        return new DirectoryCapsuleExporter();
    }
}
