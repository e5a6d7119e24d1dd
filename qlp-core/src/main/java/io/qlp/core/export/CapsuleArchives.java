package io.qlp.core.export;

import io.qlp.api.CapsulePaths;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads capsule archives ({@code zip} or {@code tar.gz}, told apart by their first bytes) into entry name to bytes,
 * streaming, with every check a reader of untrusted archives needs: each entry name must pass
 * {@link CapsulePaths#requireSafe(String)} (no {@code ..}, no absolute path, no backslash: the zip-slip and tar-slip
 * attacks), tar links and devices are refused, a name may appear once, and sizes are capped.
 *
 * <p>Example: {@code Map<String, byte[]> entries = CapsuleArchives.read(Path.of("capsule.tar.gz"));}
 */
public final class CapsuleArchives {

    /** Largest entry, in bytes. */
    public static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;
    /** Largest sum of entries, in bytes. */
    public static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;
    /** Most entries. */
    public static final int MAX_ENTRIES = 20_000;

    private CapsuleArchives() {
    }

    /**
     * The archive's file entries by name, in archive order; directory entries left out.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#UNSAFE_PATH} naming an unsafe entry, or with
     *     {@link ErrorCode#ARCHIVE_INVALID} when the file is no zip or tar.gz, repeats a name, holds a link or is too
     *     large
     */
    public static Map<String, byte[]> read(Path archive) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            return read(in, archive.toString());
        }
    }

    /** As {@link #read(Path)}, from a stream named {@code name} in messages; does not close it. */
    public static Map<String, byte[]> read(InputStream stream, String name) throws IOException {
        InputStream in = stream.markSupported() ? stream : new BufferedInputStream(stream);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return readTarGz(in, name);
        }
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K') {
            return readZip(in, name);
        }
        throw invalid(name, "is neither a zip nor a tar.gz archive", Map.of("archive", name));
    }

    private static Map<String, byte[]> readZip(InputStream in, String name) throws IOException {
        Entries entries = new Entries(name);
        ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            entries.add(entry.getName(), entry.isDirectory(), zip);
        }
        return entries.result();
    }

    private static Map<String, byte[]> readTarGz(InputStream in, String name) throws IOException {
        Entries entries = new Entries(name);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in), "UTF-8");
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice()
                    || entry.isFIFO()) {
                throw new NonRetriableQlpException(ErrorCode.UNSAFE_PATH, "archive " + name + " holds '"
                        + entry.getName() + "', which is a link or device, not a file",
                        Map.of("archive", name, "path", entry.getName()));
            }
            entries.add(entry.getName(), entry.isDirectory(), tar);
        }
        return entries.result();
    }

    /** Collects entries and applies the checks. */
    private static final class Entries {
        private final String archive;
        private final Map<String, byte[]> byName = new LinkedHashMap<>();
        private long total;
        private int count;

        Entries(String archive) {
            this.archive = archive;
        }

        void add(String entryName, boolean directory, InputStream content) throws IOException {
            if (++count > MAX_ENTRIES) {
                throw invalid(archive, "has more than " + MAX_ENTRIES + " entries", Map.of("archive", archive));
            }
            String path = directory && entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1)
                    : entryName;
            try {
                CapsulePaths.requireSafe(path);
            } catch (NonRetriableQlpException e) {
                throw new NonRetriableQlpException(ErrorCode.UNSAFE_PATH, "archive " + archive + " holds an unsafe"
                        + " entry: " + e.rawMessage(), Map.of("archive", archive, "path", entryName));
            }
            if (directory) {
                return;
            }
            if (byName.containsKey(path)) {
                throw invalid(archive, "holds '" + path + "' twice", Map.of("archive", archive, "path", path));
            }
            byte[] bytes = readCapped(content, path);
            total += bytes.length;
            if (total > MAX_TOTAL_BYTES) {
                throw invalid(archive, "unpacks to more than " + MAX_TOTAL_BYTES + " bytes", Map.of("archive", archive));
            }
            byName.put(path, bytes);
        }

        private byte[] readCapped(InputStream content, String path) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long size = 0;
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                size += read;
                if (size > MAX_ENTRY_BYTES) {
                    throw invalid(archive, "holds '" + path + "', larger than " + MAX_ENTRY_BYTES + " bytes",
                            Map.of("archive", archive, "path", path));
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }

        Map<String, byte[]> result() {
            return Collections.unmodifiableMap(byName);
        }
    }

    private static NonRetriableQlpException invalid(String archive, String message, Map<String, ?> details) {
        return new NonRetriableQlpException(ErrorCode.ARCHIVE_INVALID, "archive " + archive + " " + message, details);
    }
}
