package io.qlp.core.export;

import io.qlp.api.Manifest;
import io.qlp.api.QlpException;
import io.qlp.core.json.CapsuleJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a capsule archive: every file listed in {@code capsule.json} is there with the listed SHA-256, no file is
 * there that the manifest does not list, the validation report is present, and, when a key is given, the
 * {@code signature.json} signature over the manifest and report matches it. Reading applies the checks of
 * {@link CapsuleArchives} (unsafe entry names fail before anything is compared).
 *
 * <p>Example:
 * <pre>{@code
 * ArchiveVerification result = ArchiveVerifier.verify(Path.of("capsule.zip"), SigningKey.ed25519Public(pem, "release"));
 * System.out.println(result.passed() ? "intact" : String.join("\n", result.problems()));
 * }</pre>
 */
public final class ArchiveVerifier {

    private ArchiveVerifier() {
    }

    /**
     * Verifies the archive; with a {@code key}, a missing or wrong signature is a problem.
     *
     * @throws io.qlp.api.NonRetriableQlpException with {@link io.qlp.api.ErrorCode#UNSAFE_PATH} or
     *     {@link io.qlp.api.ErrorCode#ARCHIVE_INVALID} when the archive cannot be read safely
     */
    public static ArchiveVerification verify(Path archive, @Nullable SigningKey key) throws IOException {
        return verify(archive.toString(), CapsuleArchives.read(archive), key);
    }

    /** Verifies entries already read with {@link CapsuleArchives}. */
    public static ArchiveVerification verify(String archive, Map<String, byte[]> entries, @Nullable SigningKey key) {
        List<String> problems = new ArrayList<>();
        byte[] manifestBytes = entries.get(ArchiveWriter.MANIFEST_ENTRY);
        byte[] reportBytes = entries.get(ArchiveWriter.REPORT_ENTRY);
        if (reportBytes == null) {
            problems.add(ArchiveWriter.REPORT_ENTRY + " is missing");
        }
        int checked = 0;
        if (manifestBytes == null) {
            problems.add(ArchiveWriter.MANIFEST_ENTRY + " is missing, so no file can be checked");
        } else {
            checked = checkFiles(entries, manifestBytes, problems);
        }
        ArchiveVerification.SignatureStatus status;
        String keyId = null;
        byte[] signatureBytes = entries.get(ArchiveSignature.ENTRY);
        if (signatureBytes == null) {
            status = key == null ? ArchiveVerification.SignatureStatus.UNSIGNED
                    : ArchiveVerification.SignatureStatus.INVALID;
            if (key != null) {
                problems.add("the archive is not signed, but key '" + key.keyId() + "' was given to check it");
            }
        } else {
            ArchiveSignature signature;
            try {
                signature = ArchiveSignature.fromJson(new String(signatureBytes, StandardCharsets.UTF_8));
            } catch (QlpException e) {
                problems.add(e.rawMessage());
                return new ArchiveVerification(archive, checked, ArchiveVerification.SignatureStatus.INVALID, null,
                        problems);
            }
            keyId = signature.keyId();
            status = checkSignature(signature, manifestBytes, reportBytes, key, problems);
        }
        return new ArchiveVerification(archive, checked, status, keyId, problems);
    }

    private static int checkFiles(Map<String, byte[]> entries, byte[] manifestBytes, List<String> problems) {
        Manifest manifest;
        try {
            manifest = CapsuleJson.readManifest(new String(manifestBytes, StandardCharsets.UTF_8));
        } catch (QlpException e) {
            problems.add(ArchiveWriter.MANIFEST_ENTRY + " cannot be read: " + e.rawMessage());
            return 0;
        }
        if (!Manifest.FORMAT_VERSION.equals(manifest.formatVersion())) {
            problems.add(ArchiveWriter.MANIFEST_ENTRY + " has format version '" + manifest.formatVersion()
                    + "'; this version reads '" + Manifest.FORMAT_VERSION + "'");
        }
        int checked = 0;
        for (Map.Entry<String, String> listed : manifest.sha256().entrySet()) {
            byte[] content = entries.get(listed.getKey());
            if (content == null) {
                problems.add(listed.getKey() + " is listed in the manifest but missing");
                continue;
            }
            String actual = sha256(content);
            if (!actual.equals(listed.getValue())) {
                problems.add(listed.getKey() + " has SHA-256 " + actual + ", but the manifest lists "
                        + listed.getValue());
            } else {
                checked++;
            }
        }
        for (String name : entries.keySet()) {
            if (!ArchiveWriter.RESERVED.contains(name) && !manifest.sha256().containsKey(name)) {
                problems.add(name + " is in the archive but not listed in the manifest");
            }
        }
        return checked;
    }

    private static ArchiveVerification.SignatureStatus checkSignature(ArchiveSignature signature,
            byte @Nullable [] manifestBytes, byte @Nullable [] reportBytes, @Nullable SigningKey key,
            List<String> problems) {
        boolean intact = true;
        if (manifestBytes != null && !signature.manifestSha256().equals(sha256(manifestBytes))) {
            problems.add(ArchiveWriter.MANIFEST_ENTRY + " was changed after it was signed");
            intact = false;
        }
        if (reportBytes != null && !signature.reportSha256().equals(sha256(reportBytes))) {
            problems.add(ArchiveWriter.REPORT_ENTRY + " was changed after it was signed");
            intact = false;
        }
        if (key == null) {
            return intact ? ArchiveVerification.SignatureStatus.NOT_CHECKED
                    : ArchiveVerification.SignatureStatus.INVALID;
        }
        if (!key.canVerify()) {
            problems.add("key '" + key.keyId() + "' cannot check signatures");
            return ArchiveVerification.SignatureStatus.INVALID;
        }
        if (!signature.algorithm().equals(key.algorithm().jcaName())) {
            problems.add("the archive is signed with " + signature.algorithm() + ", but the key is "
                    + key.algorithm().jcaName());
            return ArchiveVerification.SignatureStatus.INVALID;
        }
        if (!signature.verifiedBy(key)) {
            problems.add("the signature does not match key '" + key.keyId() + "'");
            return ArchiveVerification.SignatureStatus.INVALID;
        }
        return intact ? ArchiveVerification.SignatureStatus.VALID : ArchiveVerification.SignatureStatus.INVALID;
    }

    /** The hash of the raw bytes, so bytes that are not valid UTF-8 cannot hide behind replacement characters. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
