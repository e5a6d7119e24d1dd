package io.qlp.cli;

import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Finding;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.CompositeValidator;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.version.CapsuleVersioning;
import io.qlp.core.version.ChangeSet;
import io.qlp.core.version.VersionedCapsule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code qlp version}: applies a changes file to a stored capsule, validates it again (with the validators
 * {@code qlp.validation} of the {@code --config} file configures) and stores a new version.
 *
 * <p>Example: {@code qlp version 3f2a… --changes changes.json --message "rename the parser"}
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = {"Applies the changes in FILE to the latest version of capsule ID, validates, and stores a new"
                + " version.",
            "FILE: {\"baseVersion\": N (optional), \"changes\": [{\"op\": \"create\"|\"modify\", \"path\": P,"
                + " \"content\": C}, {\"op\": \"delete\", \"path\": P}, {\"op\": \"rename\", \"path\": P, \"to\": Q}]}"})
public final class VersionCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private StoreOptions options = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The capsule id.")
    private String id = "";

    @Option(names = "--changes", required = true, paramLabel = "FILE", description = "The changes, as JSON.")
    private Path changes = Path.of("changes.json");

    @Option(names = {"--message", "-m"}, required = true, paramLabel = "TEXT", description = "Why; kept with the version.")
    private String message = "";

    @Option(names = "--author", paramLabel = "NAME", description = "Who; default the operating system user.")
    private @Nullable String author;

    @Option(names = "--base", paramLabel = "N",
            description = "The version the changes were written against; wins over baseVersion in FILE.")
    private @Nullable Integer base;

    @Override
    public Integer call() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        PrintWriter out = spec.commandLine().getOut();
        ChangeSet changeSet = ChangeSet.fromJson(read(changes));
        if (base != null) {
            changeSet = changeSet.basedOn(base);
        }
        String who = author != null ? author : System.getProperty("user.name", "qlp");
        QlpSettings settings = options.settings();
        CompositeValidator validator = CompositeValidator.discover(settings.validation());
        VersionedCapsule created;
        try (CapsuleStore store = GeneratorFactory.openStore(settings, options.environment()::get)) {
            CapsuleVersioning versioning = CapsuleVersioning.builder().store(store).validator(validator).build();
            created = versioning.createVersion(id, changeSet, VersionMetadata.of(who, message));
        }
        out.println("version " + created.version().number() + " of capsule " + id + " (parent "
                + created.version().parent() + "): " + created.capsule().status());
        for (Finding finding : created.capsule().validation().errors()) {
            out.println("  [" + finding.stage() + "] " + finding.describe());
        }
        out.flush();
        return created.capsule().status() == CapsuleStatus.VALIDATED ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "cannot read changes file " + file + ": "
                    + e.getMessage(), Map.of("file", file.toString()));
        }
    }
}
