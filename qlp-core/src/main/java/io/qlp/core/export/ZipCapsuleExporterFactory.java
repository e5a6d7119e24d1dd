package io.qlp.core.export;

import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.ProviderConfig;

/**
 * Registers {@link ZipCapsuleExporter} as the {@code zip} exporter; signs when the {@code signing.*} properties of
 * {@link SigningSettings} are set.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleExporter zip = ServiceProviders.load(CapsuleExporterFactory.class, "zip").create(ProviderConfig.empty());
 * }</pre>
 */
public final class ZipCapsuleExporterFactory implements CapsuleExporterFactory {

    /** The name used in configuration. */
    public static final String NAME = "zip";

    /** Called by {@link java.util.ServiceLoader}. */
    public ZipCapsuleExporterFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CapsuleExporter create(ProviderConfig config) {
        ZipCapsuleExporter.Builder builder = ZipCapsuleExporter.builder();
        SigningSettings.signer(config).ifPresent(builder::signingKey);
        return builder.build();
    }
}
