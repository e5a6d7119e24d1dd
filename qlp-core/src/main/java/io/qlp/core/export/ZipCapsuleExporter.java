package io.qlp.core.export;

import io.qlp.api.Capsule;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a capsule as a zip archive, streamed to the output: every file under its path, then
 * {@value #MANIFEST_ENTRY} (the manifest), {@value #REPORT_ENTRY} (the validation report) and, when a signing key is
 * set, {@code signature.json}.
 *
 * <p>The same capsule always gives the same bytes: files are written sorted by path, and every entry carries the
 * capsule's creation time (UTC) instead of the time of export.
 *
 * <p>Example:
 * <pre>{@code
 * new ZipCapsuleExporter().export(capsule, Path.of(capsule.id() + ".zip"));
 * ZipCapsuleExporter.builder().signingKey(SigningKey.ed25519Private(pem, "release")).build().export(capsule, out);
 * }</pre>
 */
public final class ZipCapsuleExporter implements CapsuleExporter {

    /** The entry holding the manifest. */
    public static final String MANIFEST_ENTRY = ArchiveWriter.MANIFEST_ENTRY;
    /** The entry holding the validation report. */
    public static final String REPORT_ENTRY = ArchiveWriter.REPORT_ENTRY;

    private final @Nullable SigningKey signer;

    /** An exporter that does not sign; it keeps no state, so one instance may serve every thread. */
    public ZipCapsuleExporter() {
        this(null);
    }

    private ZipCapsuleExporter(@Nullable SigningKey signer) {
        this.signer = signer;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
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
     *     {@link ErrorCode#EXPORT_FAILURE} when a file uses a name reserved for the archive's metadata
     * @throws IOException when {@code out} fails
     */
    @Override
    public void export(Capsule capsule, OutputStream out) throws IOException {
        // ZipOutputStream.close() would close the caller's stream; finish() completes the archive without that.
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        ArchiveWriter.write(capsule, signer, format(), new ArchiveSink() {
            @Override
            public void put(String name, byte[] content, Instant time) throws IOException {
                ZipEntry entry = new ZipEntry(name);
                entry.setTimeLocal(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }

            @Override
            public void finish() throws IOException {
                zip.finish();
                zip.flush();
            }
        });
    }

    /** Builds {@link ZipCapsuleExporter}s. */
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
        public ZipCapsuleExporter build() {
            return new ZipCapsuleExporter(signingKey);
        }
    }
}
