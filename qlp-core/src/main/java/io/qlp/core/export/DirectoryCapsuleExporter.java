package io.qlp.core.export;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.core.CapsuleDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a capsule as a ready-to-build project folder: its files, {@code capsule.json},
 * {@code validation-report.json}, and the build file its language needs when it has none (a {@code pom.xml} with
 * JUnit 5 for Java, {@code pyproject.toml} with pytest for Python, {@code package.json} running {@code node --test}
 * for JavaScript). The folder must be empty or absent; nothing is written outside it, even through a symbolic link.
 * It writes a folder, so {@link #export(Capsule, OutputStream)} is refused.
 *
 * <p>Example:
 * <pre>{@code
 * new DirectoryCapsuleExporter().export(capsule, Path.of("out/durations"));   // then: cd out/durations && mvn test
 * }</pre>
 */
public final class DirectoryCapsuleExporter implements CapsuleExporter {

    /** An exporter; it keeps no state, so one instance may serve every thread. */
    public DirectoryCapsuleExporter() {
    }

    @Override
    public String format() {
        return "directory";
    }

    @Override
    public String fileExtension() {
        return "";
    }

    @Override
    public boolean writesFolder() {
        return true;
    }

    /**
     * Refused: this format writes a folder.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EXPORT_FAILURE}, always
     */
    @Override
    public void export(Capsule capsule, OutputStream out) {
        throw new NonRetriableQlpException(ErrorCode.EXPORT_FAILURE, "the directory format writes a folder, not a"
                + " stream; call export(capsule, folder), or use the zip or tar.gz format for a stream",
                ErrorContext.empty().withStage(Stage.EXPORT).withCapsuleId(capsule.id()), Map.of("format", format()),
                null);
    }

    /**
     * Writes the project under {@code target}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EXPORT_FAILURE} when {@code target} is a file or a
     *     folder that is not empty, or {@link ErrorCode#UNSAFE_PATH} for an unsafe path
     */
    @Override
    public void export(Capsule capsule, Path target) throws IOException {
        ErrorContext context = ErrorContext.empty().withStage(Stage.EXPORT).withCapsuleId(capsule.id());
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw new NonRetriableQlpException(ErrorCode.EXPORT_FAILURE, target + " exists and is not an empty"
                    + " folder; choose a new folder for the project", context, Map.of("folder", target.toString()),
                    null);
        }
        for (CapsuleFile file : capsule.files()) {
            ArchiveWriter.checkPath(capsule, file.path(), format());
        }
        List<CapsuleFile> files = new ArrayList<>(capsule.files());
        files.addAll(ProjectScaffold.buildFiles(capsule));
        CapsuleDirectory.write(capsule.toBuilder().files(files).build(), target);
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
