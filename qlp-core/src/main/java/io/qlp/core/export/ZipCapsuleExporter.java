package io.qlp.core.export;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsulePaths;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.core.json.CapsuleJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a capsule as a zip archive, streamed to the output: every file under its path, then
 * {@value #MANIFEST_ENTRY} (the manifest) and {@value #REPORT_ENTRY} (the validation report).
 *
 * <p>The same capsule always gives the same bytes: files are written sorted by path, and every entry carries the
 * capsule's creation time (UTC) instead of the time of export.
 *
 * <p>Example:
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of(capsule.id() + ".zip"))) {
 *     new ZipCapsuleExporter().export(capsule, out);
 * }
 * }</pre>
 */
public final class ZipCapsuleExporter implements CapsuleExporter {

    /** The entry holding the manifest. */
    public static final String MANIFEST_ENTRY = "capsule.json";
    /** The entry holding the validation report. */
    public static final String REPORT_ENTRY = "validation-report.json";

    private static final List<String> RESERVED = List.of(MANIFEST_ENTRY, REPORT_ENTRY);

    /** An exporter; it keeps no state, so one instance may serve every thread. */
    public ZipCapsuleExporter() {
    }

    @Override
    public String format() {
        return "zip";
    }

    @Override
    public String fileExtension() {
        return "zip";
    }

    /**
     * Writes the archive to {@code out} and leaves {@code out} open.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#UNSAFE_PATH} when a file path is unsafe, or with
     *     {@link ErrorCode#EXPORT_FAILURE} when a file uses a name reserved for the manifest or the report
     * @throws IOException when {@code out} fails
     */
    @Override
    public void export(Capsule capsule, OutputStream out) throws IOException {
        List<CapsuleFile> files = capsule.files().stream()
                .sorted(Comparator.comparing(CapsuleFile::path))
                .toList();
        for (CapsuleFile file : files) {
            checkPath(capsule, file.path());
        }
        LocalDateTime entryTime = LocalDateTime.ofInstant(capsule.manifest().createdAt(), ZoneOffset.UTC);
        // ZipOutputStream.close() would close the caller's stream; finish() completes the archive without that.
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (CapsuleFile file : files) {
            writeEntry(zip, file.path(), file.content(), entryTime);
        }
        writeEntry(zip, MANIFEST_ENTRY, CapsuleJson.writeManifest(capsule.manifest()) + "\n", entryTime);
        writeEntry(zip, REPORT_ENTRY, CapsuleJson.writeReport(capsule.validation()) + "\n", entryTime);
        zip.finish();
        zip.flush();
    }

    private static void checkPath(Capsule capsule, String path) {
        CapsulePaths.requireSafe(path);
        if (RESERVED.contains(path)) {
            throw new NonRetriableQlpException(ErrorCode.EXPORT_FAILURE, "capsule '" + capsule.id() + "' has a file '"
                    + path + "', a name the zip export reserves for its own metadata",
                    Map.of("path", path, "capsuleId", capsule.id()));
        }
    }

    private static void writeEntry(ZipOutputStream zip, String name, String content, LocalDateTime time)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
