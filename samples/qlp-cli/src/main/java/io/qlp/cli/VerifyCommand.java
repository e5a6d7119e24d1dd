package io.qlp.cli;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.export.ArchiveVerification;
import io.qlp.core.export.ArchiveVerifier;
import io.qlp.core.export.SigningKey;
import io.qlp.core.export.SigningSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp verify}: checks an exported archive's file checksums against its manifest and, when
 * {@code qlp.export.signing} names a key that can check (Ed25519 public key or HMAC secret), its signature.
 *
 * <p>Example: {@code qlp verify durations.zip --config qlp.yaml}
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks ARCHIVE (zip or tar.gz): file checksums against capsule.json, and the signature when"
                + " a key is configured. Exits 0 when intact, 1 otherwise.")
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private StoreOptions options = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to check.")
    private Path archive = Path.of("capsule.zip");

    @Override
    public Integer call() throws IOException {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(archive)) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "archive " + archive + " does not exist",
                    Map.of("file", archive.toString()));
        }
        SigningKey key = verifier();
        ArchiveVerification result = ArchiveVerifier.verify(archive, key);
        String signature = switch (result.signature()) {
            case UNSIGNED -> "not signed";
            case NOT_CHECKED -> "signed by key '" + result.signatureKeyId() + "', not checked (no key configured)";
            case VALID -> "signature valid (key '" + result.signatureKeyId() + "')";
            case INVALID -> "signature INVALID";
        };
        if (result.passed()) {
            out.println("OK " + archive + ": " + result.filesChecked() + " file(s) match the manifest; " + signature);
        } else {
            out.println("FAILED " + archive + " [" + ErrorCode.ARCHIVE_INVALID.code() + "]: " + signature);
            result.problems().forEach(problem -> out.println("  " + problem));
        }
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private @Nullable SigningKey verifier() {
        try {
            return SigningSettings.verifier(options.settings().export().providerConfig(options.environment()::get))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "qlp.export." + e.getMessage(),
                    Map.of("key", "qlp.export.signing"));
        }
    }
}
