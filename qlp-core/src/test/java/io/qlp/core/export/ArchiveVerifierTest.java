package io.qlp.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.QlpException;
import io.qlp.api.StageResult;
import io.qlp.api.Tier;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.core.json.Manifests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Export, then verify: intact archives pass; a changed file, manifest or signature, or a wrong key, is caught. */
class ArchiveVerifierTest {

    @TempDir
    Path dir;

    static Capsule capsule() {
        List<CapsuleFile> files = List.of(
                CapsuleFile.of("src/main/java/demo/Greeter.java", "package demo;\npublic final class Greeter {}\n"),
                CapsuleFile.of("README.md", "# Greeter ✓\n"));
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, Instant.parse("2026-05-06T07:08:09Z"),
                List.of(Language.JAVA), Manifests.hashes(files), List.of(Tier.T0), "test");
        return Capsule.builder().id("signed-1").request(CapsuleRequest.builder().description("greeter").build())
                .files(files).manifest(manifest)
                .validation(new ValidationReport(List.of(StageResult.of("syntax", List.of(), 3))))
                .attempts(List.of(new AttemptRecord(1, Tier.T0, true, 0, "route"))).usage(Usage.none())
                .status(CapsuleStatus.VALIDATED).build();
    }

    static SigningKey[] ed25519Pair() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String publicPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return new SigningKey[] {SigningKey.ed25519Private(privatePem, "release"),
                SigningKey.ed25519Public(publicPem, "release")};
    }

    Path export(CapsuleExporter exporter, String name) throws IOException {
        Path archive = dir.resolve(name);
        exporter.export(capsule(), archive);
        return archive;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "tar.gz"})
    void should_pass_an_intact_archive_signed_with_ed25519(String format) throws Exception {
        SigningKey[] keys = ed25519Pair();
        Path archive = export(exporter(format, keys[0]), "a." + format);

        ArchiveVerification result = ArchiveVerifier.verify(archive, keys[1]);

        assertThat(result.problems()).isEmpty();
        assertThat(result.signature()).isEqualTo(ArchiveVerification.SignatureStatus.VALID);
        assertThat(result.signatureKeyId()).isEqualTo("release");
        assertThat(result.filesChecked()).isEqualTo(2);
    }

    @Test
    void should_pass_with_hmac_and_fail_with_another_secret() throws Exception {
        SigningKey key = SigningKey.hmacSha256("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), "ci");
        SigningKey other = SigningKey.hmacSha256("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8), "ci");
        Path archive = export(ZipCapsuleExporter.builder().signingKey(key).build(), "h.zip");

        assertThat(ArchiveVerifier.verify(archive, key).passed()).isTrue();
        ArchiveVerification wrong = ArchiveVerifier.verify(archive, other);
        assertThat(wrong.signature()).isEqualTo(ArchiveVerification.SignatureStatus.INVALID);
        assertThat(wrong.problems()).containsExactly("the signature does not match key 'ci'");
    }

    @Test
    void should_detect_a_tampered_file() throws Exception {
        SigningKey[] keys = ed25519Pair();
        Map<String, byte[]> entries = new LinkedHashMap<>(
                CapsuleArchives.read(export(exporter("zip", keys[0]), "t.zip")));
        entries.put("README.md", "# Greeter, changed\n".getBytes(StandardCharsets.UTF_8));

        ArchiveVerification result = ArchiveVerifier.verify(rezip(entries, "tampered.zip"), keys[1]);

        assertThat(result.passed()).isFalse();
        assertThat(result.problems()).singleElement().asString().startsWith("README.md has SHA-256 ");
        assertThat(result.signature()).isEqualTo(ArchiveVerification.SignatureStatus.VALID);
    }

    @Test
    void should_detect_a_manifest_rewritten_to_match_a_tampered_file() throws Exception {
        SigningKey[] keys = ed25519Pair();
        Capsule capsule = capsule();
        Map<String, byte[]> entries = new LinkedHashMap<>(
                CapsuleArchives.read(export(exporter("zip", keys[0]), "m.zip")));
        List<CapsuleFile> changed = List.of(capsule.files().get(0), CapsuleFile.of("README.md", "evil\n"));
        Manifest forged = new Manifest(Manifest.FORMAT_VERSION, capsule.manifest().createdAt(), List.of(Language.JAVA),
                Manifests.hashes(changed), List.of(Tier.T0), "test");
        entries.put("README.md", "evil\n".getBytes(StandardCharsets.UTF_8));
        entries.put("capsule.json", (io.qlp.core.json.CapsuleJson.writeManifest(forged) + "\n")
                .getBytes(StandardCharsets.UTF_8));

        ArchiveVerification result = ArchiveVerifier.verify(rezip(entries, "forged.zip"), keys[1]);

        assertThat(result.problems()).containsExactly("capsule.json was changed after it was signed");
        assertThat(result.signature()).isEqualTo(ArchiveVerification.SignatureStatus.INVALID);
    }

    @Test
    void should_detect_a_tampered_signature_and_a_missing_one() throws Exception {
        SigningKey[] keys = ed25519Pair();
        Map<String, byte[]> entries = new LinkedHashMap<>(
                CapsuleArchives.read(export(exporter("zip", keys[0]), "s.zip")));
        ArchiveSignature signature = ArchiveSignature.fromJson(new String(entries.get("signature.json"),
                StandardCharsets.UTF_8));
        byte[] bytes = Base64.getDecoder().decode(signature.signature());
        bytes[0] ^= 1;
        entries.put("signature.json", new ArchiveSignature(signature.algorithm(), signature.keyId(),
                signature.manifestSha256(), signature.reportSha256(), Base64.getEncoder().encodeToString(bytes))
                .toJson().getBytes(StandardCharsets.UTF_8));

        assertThat(ArchiveVerifier.verify(rezip(entries, "bad-sig.zip"), keys[1]).signature())
                .isEqualTo(ArchiveVerification.SignatureStatus.INVALID);
        entries.remove("signature.json");
        ArchiveVerification unsigned = ArchiveVerifier.verify(rezip(entries, "no-sig.zip"), keys[1]);
        assertThat(unsigned.problems()).containsExactly("the archive is not signed, but key 'release' was given to"
                + " check it");
        assertThat(ArchiveVerifier.verify(rezip(entries, "no-sig-no-key.zip"), null).passed()).isTrue();
    }

    @Test
    void should_report_an_extra_file_the_manifest_does_not_list() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(CapsuleArchives.read(export(new ZipCapsuleExporter(), "x.zip")));
        entries.put("src/main/java/demo/Backdoor.java", "class Backdoor {}".getBytes(StandardCharsets.UTF_8));

        assertThat(ArchiveVerifier.verify(rezip(entries, "extra.zip"), null).problems())
                .containsExactly("src/main/java/demo/Backdoor.java is in the archive but not listed in the manifest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "/etc/evil", "a/../../evil", "a\\..\\evil"})
    void should_refuse_a_zip_entry_that_leaves_the_root(String name) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("capsule.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put(name, "pwned".getBytes(StandardCharsets.UTF_8));
        Path archive = rezip(entries, "slip.zip");

        assertThatThrownBy(() -> ArchiveVerifier.verify(archive, null)).isInstanceOfSatisfying(QlpException.class,
                e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH);
                    assertThat(e.details()).containsEntry("path", name);
                });
    }

    @Test
    void should_refuse_a_tar_entry_that_leaves_the_root_or_is_a_link() throws Exception {
        Path slip = dir.resolve("slip.tar.gz");
        try (OutputStream out = Files.newOutputStream(slip);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            TarArchiveEntry entry = new TarArchiveEntry("../../evil.sh", true);
            entry.setSize(2);
            tar.putArchiveEntry(entry);
            tar.write("hi".getBytes(StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
        }
        Path link = dir.resolve("link.tar.gz");
        try (OutputStream out = Files.newOutputStream(link);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            TarArchiveEntry entry = new TarArchiveEntry("notes", TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName("/etc/passwd");
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }

        assertThatThrownBy(() -> CapsuleArchives.read(slip)).isInstanceOfSatisfying(QlpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH));
        assertThatThrownBy(() -> CapsuleArchives.read(link)).isInstanceOfSatisfying(QlpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH));
    }

    @Test
    void should_refuse_a_file_that_is_no_archive() throws Exception {
        Path text = Files.writeString(dir.resolve("plain.zip"), "just text");

        assertThatThrownBy(() -> CapsuleArchives.read(text)).isInstanceOfSatisfying(QlpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ARCHIVE_INVALID));
    }

    private static CapsuleExporter exporter(String format, SigningKey key) {
        return format.equals("zip") ? ZipCapsuleExporter.builder().signingKey(key).build()
                : TarGzCapsuleExporter.builder().signingKey(key).build();
    }

    private Path rezip(Map<String, byte[]> entries, String name) throws IOException {
        Path archive = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return archive;
    }
}
