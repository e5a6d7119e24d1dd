package io.qlp.core;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsulePaths;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.core.json.CapsuleJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a capsule's files under a folder, plus {@code capsule.json} (the manifest) and
 * {@code validation-report.json}. Every path is checked again, and nothing is written outside the folder, even
 * through a symbolic link planted inside it.
 *
 * <p>Example: {@code CapsuleDirectory.write(capsule, Path.of("out"));}
 */
public final class CapsuleDirectory {

    /** Name of the manifest file. */
    public static final String MANIFEST_FILE = "capsule.json";
    /** Name of the validation report file. */
    public static final String REPORT_FILE = "validation-report.json";

    private CapsuleDirectory() {
    }

    /**
     * Writes the capsule under {@code root}, creating it if needed and replacing files of the same name.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#UNSAFE_PATH} when a path would leave {@code root},
     *     or {@link ErrorCode#EXPORT_FAILURE} when a file cannot be written
     */
    public static void write(Capsule capsule, Path root) {
        ErrorContext context = ErrorContext.empty().withStage(Stage.EXPORT).withCapsuleId(capsule.id());
        try {
            Files.createDirectories(root);
            Path realRoot = root.toRealPath();
            for (CapsuleFile file : capsule.files()) {
                writeText(realRoot, file.path(), file.content(), context);
            }
            writeText(realRoot, MANIFEST_FILE, CapsuleJson.writeManifest(capsule.manifest()), context);
            writeText(realRoot, REPORT_FILE, CapsuleJson.writeReport(capsule.validation()), context);
        } catch (IOException e) {
            throw new NonRetriableQlpException(ErrorCode.EXPORT_FAILURE, "could not write capsule to " + root + ": "
                    + e.getMessage(), context, Map.of("folder", root.toString()), e);
        }
    }

    private static void writeText(Path realRoot, String relative, String content, ErrorContext context)
            throws IOException {
        CapsulePaths.requireSafe(relative);
        Path target = realRoot.resolve(relative).normalize();
        Files.createDirectories(target.getParent());
        // A link inside the folder could point anywhere; resolve the parent for real before writing.
        if (!target.getParent().toRealPath().startsWith(realRoot) || Files.isSymbolicLink(target)) {
            throw new NonRetriableQlpException(ErrorCode.UNSAFE_PATH, "path '" + relative
                    + "' leads outside " + realRoot + " through a symbolic link", context,
                    Map.of("path", relative), null);
        }
        Files.writeString(target, content, StandardCharsets.UTF_8);
    }
}
