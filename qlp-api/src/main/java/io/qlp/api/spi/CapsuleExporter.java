package io.qlp.api.spi;

import io.qlp.api.Capsule;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a capsule as an archive or folder format, streaming to the output. Paths are checked again on export.
 *
 * <p>Example:
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("capsule.zip"))) {
 *     exporter.export(capsule, out);
 * }
 * }</pre>
 */
public interface CapsuleExporter {

    /** The format name, such as {@code zip}. */
    String format();

    /** The usual file name extension, without the dot, such as {@code zip}. */
    String fileExtension();

    /** Writes the capsule to {@code out}; does not close it. */
    void export(Capsule capsule, OutputStream out) throws IOException;
}
