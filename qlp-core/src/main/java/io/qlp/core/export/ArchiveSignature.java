package io.qlp.core.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.json.CapsuleJson;
import io.qlp.core.json.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The content of {@code signature.json}: which key signed the archive, the SHA-256 of {@code capsule.json} and
 * {@code validation-report.json} as signed, and the signature over {@link #payload()}. The manifest lists the
 * SHA-256 of every file, so the signature covers every file through it.
 *
 * <p>Example: {@code ArchiveSignature.sign(manifestJson, reportJson, key).toJson()}
 *
 * @param algorithm {@code Ed25519} or {@code HmacSHA256}
 * @param keyId the signing key's name
 * @param manifestSha256 hex SHA-256 of the {@code capsule.json} bytes
 * @param reportSha256 hex SHA-256 of the {@code validation-report.json} bytes
 * @param signature Base64 of the signature bytes
 */
public record ArchiveSignature(String algorithm, String keyId, String manifestSha256, String reportSha256,
                               String signature) {

    /** The entry that holds it. */
    public static final String ENTRY = "signature.json";
    /** Version of this format. */
    public static final String FORMAT_VERSION = "1";

    private static final ObjectMapper JSON = CapsuleJson.mapper();

    /** Rejects nulls. */
    public ArchiveSignature {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(manifestSha256, "manifestSha256");
        Objects.requireNonNull(reportSha256, "reportSha256");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs the manifest and report texts, as written into the archive, with {@code key}. */
    public static ArchiveSignature sign(String manifestJson, String reportJson, SigningKey key) {
        String manifestHash = Manifests.sha256Hex(manifestJson);
        String reportHash = Manifests.sha256Hex(reportJson);
        byte[] signed = key.sign(payload(manifestHash, reportHash));
        return new ArchiveSignature(key.algorithm().jcaName(), key.keyId(), manifestHash, reportHash,
                Base64.getEncoder().encodeToString(signed));
    }

    /** The bytes signed: a version line, then one {@code entry sha256=hex} line for the manifest and the report. */
    public byte[] payload() {
        return payload(manifestSha256, reportSha256);
    }

    private static byte[] payload(String manifestHash, String reportHash) {
        return ("qlp-archive-signature-v1\ncapsule.json sha256=" + manifestHash
                + "\nvalidation-report.json sha256=" + reportHash + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code key} accepts the signature over {@link #payload()}. */
    public boolean verifiedBy(SigningKey key) {
        if (!key.algorithm().jcaName().equals(algorithm)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return key.verify(payload(), bytes);
    }

    /** The pretty-printed JSON written to {@value #ENTRY}, ending with a new line. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("algorithm", algorithm);
        root.put("keyId", keyId);
        ObjectNode signed = root.putObject("signed");
        signed.put("capsule.json", manifestSha256);
        signed.put("validation-report.json", reportSha256);
        root.put("signature", signature);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * Reads {@value #ENTRY}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#ARCHIVE_INVALID} when it is malformed
     */
    public static ArchiveSignature fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!FORMAT_VERSION.equals(root.path("formatVersion").asText())) {
                throw invalid("unknown signature format version '" + root.path("formatVersion").asText() + "'");
            }
            return new ArchiveSignature(text(root, "algorithm"), text(root, "keyId"),
                    text(root.path("signed"), "capsule.json"), text(root.path("signed"), "validation-report.json"),
                    text(root, "signature"));
        } catch (JsonProcessingException e) {
            throw invalid("signature.json is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid("signature.json has no text field '" + field + "'");
        }
        return value.asText();
    }

    private static NonRetriableQlpException invalid(String message) {
        return new NonRetriableQlpException(ErrorCode.ARCHIVE_INVALID, message, Map.of("entry", ENTRY));
    }
}
