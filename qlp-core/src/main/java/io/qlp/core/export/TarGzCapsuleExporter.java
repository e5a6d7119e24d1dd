package io.qlp.core.export;

import io.qlp.api.Capsule;
import io.qlp.api.spi.CapsuleExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.jspecify.annotations.Nullable;

/**
 * Writes a capsule as a gzip-compressed POSIX tar archive, streamed to the output, with the same entries as
 * {@link ZipCapsuleExporter}: files sorted by path, {@code capsule.json}, {@code validation-report.json} and, when a
 * signing key is set, {@code signature.json}. Entries are regular files (mode 0644, owner 0:0) stamped with the
 * capsule's creation time, so the same capsule always gives the same bytes.
 *
 * <p>Example:
 * <pre>{@code
 * new TarGzCapsuleExporter().export(capsule, Path.of(capsule.id() + ".tar.gz"));
 * }</pre>
 */
public final class TarGzCapsuleExporter implements CapsuleExporter {

    private static final int REGULAR_FILE_0644 = 0100644;

    private final @Nullable SigningKey signer;

    /** An exporter that does not sign; it keeps no state, so one instance may serve every thread. */
    public TarGzCapsuleExporter() {
        this(null);
    }

    private TarGzCapsuleExporter(@Nullable SigningKey signer) {
        this.signer = signer;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String format() {
        return "tar.gz";
    }

    @Override
    public String fileExtension() {
        return "tar.gz";
    }

    /**
     * Writes the archive to {@code out} and leaves {@code out} open.
     *
     * @throws io.qlp.api.NonRetriableQlpException with {@link io.qlp.api.ErrorCode#UNSAFE_PATH} for an unsafe
     *     path, or {@link io.qlp.api.ErrorCode#EXPORT_FAILURE} for a file named like the archive's metadata
     */
    @Override
    public void export(Capsule capsule, OutputStream out) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(capsule.manifest().createdAt().toEpochMilli());
        GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(new KeepOpen(out), parameters);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        ArchiveWriter.write(capsule, signer, format(), new ArchiveSink() {
            @Override
            public void put(String name, byte[] content, Instant time) throws IOException {
                TarArchiveEntry entry = new TarArchiveEntry(name, true);
                entry.setSize(content.length);
                entry.setMode(REGULAR_FILE_0644);
                entry.setModTime(time.toEpochMilli());
                entry.setIds(0, 0);
                entry.setNames("", "");
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }

            @Override
            public void finish() throws IOException {
                tar.finish();
                // Closing the tar and gzip streams writes the gzip trailer; KeepOpen keeps the caller's stream open.
                tar.close();
                out.flush();
            }
        });
    }

    /** Passes writes through and ignores close, so the caller's stream stays open. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Builds {@link TarGzCapsuleExporter}s. */
    public static final class Builder {
        private @Nullable SigningKey signingKey;

        private Builder() {
        }

        /** Signs each archive's manifest with this key; it must be able to sign. */
        public Builder signingKey(SigningKey key) {
            if (signingKey != null) {
                throw new IllegalStateException("signing key was already set to " + signingKey);
            }
            signingKey = ArchiveWriter.requireSigner(key);
            return this;
        }

        /** The exporter. */
        public TarGzCapsuleExporter build() {
            return new TarGzCapsuleExporter(signingKey);
        }
    }
}
