package io.qlp.core.export;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsulePaths;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.json.CapsuleJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one layout every archive format shares: files sorted by path, then {@code capsule.json}, then
 * {@code validation-report.json}, then {@code signature.json} when a key is given; every entry stamped with the
 * capsule's creation time, so the same capsule always gives the same bytes.
 */
final class ArchiveWriter {

    /** The entry holding the manifest. */
    static final String MANIFEST_ENTRY = "capsule.json";
    /** The entry holding the validation report. */
    static final String REPORT_ENTRY = "validation-report.json";
    /** Names the archive keeps for its own metadata. */
    static final List<String> RESERVED = List.of(MANIFEST_ENTRY, REPORT_ENTRY, ArchiveSignature.ENTRY);

    private ArchiveWriter() {
    }

    static void write(Capsule capsule, @Nullable SigningKey signer, String format, ArchiveSink sink)
            throws IOException {
        List<CapsuleFile> files = capsule.files().stream().sorted(Comparator.comparing(CapsuleFile::path)).toList();
        for (CapsuleFile file : files) {
            checkPath(capsule, file.path(), format);
        }
        var time = capsule.manifest().createdAt();
        for (CapsuleFile file : files) {
            sink.put(file.path(), file.content().getBytes(StandardCharsets.UTF_8), time);
        }
        String manifest = CapsuleJson.writeManifest(capsule.manifest()) + "\n";
        String report = CapsuleJson.writeReport(capsule.validation()) + "\n";
        sink.put(MANIFEST_ENTRY, manifest.getBytes(StandardCharsets.UTF_8), time);
        sink.put(REPORT_ENTRY, report.getBytes(StandardCharsets.UTF_8), time);
        if (signer != null) {
            String signature = ArchiveSignature.sign(manifest, report, signer).toJson();
            sink.put(ArchiveSignature.ENTRY, signature.getBytes(StandardCharsets.UTF_8), time);
        }
        sink.finish();
    }

    static void checkPath(Capsule capsule, String path, String format) {
        CapsulePaths.requireSafe(path);
        if (RESERVED.contains(path)) {
            throw new NonRetriableQlpException(ErrorCode.EXPORT_FAILURE, "capsule '" + capsule.id() + "' has a file '"
                    + path + "', a name the " + format + " export reserves for its own metadata",
                    Map.of("path", path, "capsuleId", capsule.id()));
        }
    }

    /** Checks that a signer given to an exporter can sign, naming the key otherwise. */
    static SigningKey requireSigner(SigningKey key) {
        if (!key.canSign()) {
            throw new IllegalArgumentException("signing key '" + key.keyId() + "' cannot sign; an Ed25519 private key"
                    + " or an HMAC secret is needed: " + key);
        }
        return key;
    }
}
