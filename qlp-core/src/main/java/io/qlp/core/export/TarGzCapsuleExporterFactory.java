package io.qlp.core.export;

import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.ProviderConfig;

/**
 * Registers {@link TarGzCapsuleExporter} as the {@code tar.gz} exporter; signs when the {@code signing.*}
 * properties of {@link SigningSettings} are set.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleExporter tar = ServiceProviders.load(CapsuleExporterFactory.class, "tar.gz").create(ProviderConfig.empty());
 * }</pre>
 */
public final class TarGzCapsuleExporterFactory implements CapsuleExporterFactory {

    /** The name used in configuration. */
    public static final String NAME = "tar.gz";

    /** Called by {@link java.util.ServiceLoader}. */
    public TarGzCapsuleExporterFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CapsuleExporter create(ProviderConfig config) {
        TarGzCapsuleExporter.Builder builder = TarGzCapsuleExporter.builder();
        SigningSettings.signer(config).ifPresent(builder::signingKey);
        return builder.build();
    }
}
