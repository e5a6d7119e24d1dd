package io.qlp.cli;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.core.config.QlpSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp export}: writes a stored capsule as a zip or tar.gz archive (signed when {@code qlp.export.signing} is
 * configured) or as a ready-to-build project folder.
 *
 * <p>Example: {@code qlp export 3f2a… --format tar.gz --out durations.tar.gz --config qlp.yaml}
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes capsule ID as an archive (zip, tar.gz) or a ready-to-build project folder (directory).")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private StoreOptions options = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The capsule id.")
    private String id = "";

    @Option(names = "--format", defaultValue = "zip", paramLabel = "FORMAT",
            description = "zip, tar.gz or directory; default ${DEFAULT-VALUE}.")
    private String format = "zip";

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The archive file, or the new folder for directory.")
    private Path out = Path.of(".");

    @Option(names = "--version", paramLabel = "N", description = "Export this version instead of the latest.")
    private @Nullable Integer version;

    @Override
    public Integer call() throws IOException {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        QlpSettings settings = options.settings();
        CapsuleExporter exporter = exporter(settings);
        Capsule capsule;
        int exported;
        try (CapsuleStore store = options.openStore()) {
            List<CapsuleVersion> history = store.history(id);
            if (history.isEmpty()) {
                throw StoreOptions.notFound(id);
            }
            exported = version != null ? version : history.get(history.size() - 1).number();
            capsule = store.findVersion(id, exported).orElseThrow(() -> new NonRetriableQlpException(
                    ErrorCode.VERSION_NOT_FOUND, "capsule '" + id + "' has no version " + exported,
                    Map.of("capsuleId", id, "version", exported)));
        }
        exporter.export(capsule, out);
        stdout.println("exported version " + exported + " of capsule " + id + " as " + exporter.format() + " to "
                + out.toAbsolutePath().normalize());
        stdout.flush();
        return ExitCodes.OK;
    }

    private CapsuleExporter exporter(QlpSettings settings) {
        ProviderConfig config = settings.export().providerConfig(options.environment()::get);
        CapsuleExporterFactory factory;
        try {
            factory = ServiceProviders.load(CapsuleExporterFactory.class, format);
        } catch (RuntimeException e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "unknown export format '" + format
                    + "'; use zip, tar.gz or directory", Map.of("field", "format", "value", format));
        }
        try {
            return factory.create(config);
        } catch (IllegalArgumentException e) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "qlp.export." + e.getMessage(),
                    Map.of("key", "qlp.export.signing"));
        }
    }
}
