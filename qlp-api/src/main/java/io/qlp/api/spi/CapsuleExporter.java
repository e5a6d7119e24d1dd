package io.qlp.api.spi;

import io.qlp.api.Capsule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a capsule in an archive or folder format. Archive formats ({@code zip}, {@code tar.gz}) stream to an
 * {@link OutputStream}; folder formats ({@code directory}) write a folder and say so through {@link #writesFolder()}.
 * {@link #export(Capsule, Path)} works for both. Paths are checked again on export.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleExporter exporter = ServiceProviders.load(CapsuleExporterFactory.class, "tar.gz").create(config);
 * exporter.export(capsule, Path.of("capsule." + exporter.fileExtension()));
 * }</pre>
 */
public interface CapsuleExporter {

    /** The format name, such as {@code zip}. */
    String format();

    /** The usual file name extension, without the dot, such as {@code zip}; empty for folder formats. */
    String fileExtension();

    /**
     * Writes the capsule to {@code out}; does not close it.
     *
     * @throws io.qlp.api.QlpException with {@link io.qlp.api.ErrorCode#EXPORT_FAILURE} when the format writes a
     *     folder ({@link #writesFolder()}), or with {@link io.qlp.api.ErrorCode#UNSAFE_PATH} for an unsafe path
     */
    void export(Capsule capsule, OutputStream out) throws IOException;

    /** Whether this format writes a folder rather than one stream; the default is {@code false}. */
    default boolean writesFolder() {
        return false;
    }

    /**
     * Writes the capsule to {@code target}: the archive file for archive formats (replaced if present), the folder
     * for folder formats. The default streams {@link #export(Capsule, OutputStream)} into a temporary file next to
     * {@code target} and moves it into place only when complete, so a failed export leaves no partial archive.
     */
    default void export(Capsule capsule, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".qlp-export-", ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                export(capsule, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
