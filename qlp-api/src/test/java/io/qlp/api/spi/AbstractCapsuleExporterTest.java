package io.qlp.api.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.Severity;
import io.qlp.api.StageResult;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CapsuleExporter} keeps. Extend it in the implementation's tests: return the exporter
 * from {@link #createExporter()} and read an archive back into entry name to bytes in {@link #readBack(byte[])}.
 *
 * <p>An export holds every capsule file under its path with identical bytes, plus {@value #MANIFEST_ENTRY} (the
 * manifest) and {@value #REPORT_ENTRY} (the validation report); the same capsule always gives the same bytes.
 *
 * <p>Example:
 * <pre>{@code
 * class ZipCapsuleExporterTest extends AbstractCapsuleExporterTest {
 *     protected CapsuleExporter createExporter() { return new ZipCapsuleExporter(); }
 *     protected Map<String, byte[]> readBack(byte[] archive) throws IOException { return unzip(archive); }
 * }
 * }</pre>
 */
public abstract class AbstractCapsuleExporterTest {

    /** The entry holding the manifest. */
    protected static final String MANIFEST_ENTRY = "capsule.json";
    /** The entry holding the validation report. */
    protected static final String REPORT_ENTRY = "validation-report.json";

    /** The exporter under test. */
    protected abstract CapsuleExporter createExporter();

    /** The archive's file entries, by name; directory entries left out. */
    protected abstract Map<String, byte[]> readBack(byte[] archive) throws IOException;

    @Test
    void should_name_its_format_and_extension() {
        CapsuleExporter exporter = createExporter();

        assertThat(exporter.format()).isNotBlank();
        assertThat(exporter.fileExtension()).isNotBlank().doesNotStartWith(".");
    }

    @Test
    void should_write_every_file_with_identical_content_when_exporting() throws IOException {
        Capsule capsule = exportableCapsule();

        Map<String, byte[]> entries = readBack(export(capsule));

        for (CapsuleFile file : capsule.files()) {
            assertThat(entries).containsKey(file.path());
            assertThat(entries.get(file.path())).as(file.path()).isEqualTo(file.content().getBytes(UTF_8));
        }
    }

    @Test
    void should_write_manifest_and_validation_report_when_exporting() throws IOException {
        Capsule capsule = exportableCapsule();

        Map<String, byte[]> entries = readBack(export(capsule));

        assertThat(entries).containsKeys(MANIFEST_ENTRY, REPORT_ENTRY);
        assertThat(entries).hasSize(capsule.files().size() + 2);
        String manifest = new String(entries.get(MANIFEST_ENTRY), UTF_8);
        assertThat(manifest).contains(capsule.manifest().sha256().values()).contains(capsule.manifest().formatVersion());
        String report = new String(entries.get(REPORT_ENTRY), UTF_8);
        assertThat(report).contains("compile", "unused import");
    }

    @Test
    void should_write_identical_bytes_when_the_same_capsule_is_exported_twice() throws IOException {
        byte[] first = export(exportableCapsule());
        byte[] second = export(exportableCapsule());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void should_leave_the_output_open_when_done() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream tracking = new FilterOutputStream(bytes) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };

        createExporter().export(exportableCapsule(), tracking);

        assertThat(closed[0]).isFalse();
        assertThat(bytes.size()).isPositive();
    }

    /** Exports {@code capsule} with a new exporter into a byte array. */
    protected byte[] export(Capsule capsule) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        createExporter().export(capsule, out);
        return out.toByteArray();
    }

    /** A capsule with nested paths, non-ASCII text, an empty file and a manifest whose hashes match its files. */
    protected static Capsule exportableCapsule() {
        List<CapsuleFile> files = List.of(
                CapsuleFile.of("src/main/java/demo/Durations.java",
                        "package demo;\n\n/** Parses durations: \"PT1H\" ≈ 1 hour, naïve π. */\npublic final class Durations {\n}\n"),
                CapsuleFile.of("src/test/java/demo/DurationsTest.java", "package demo;\n\nclass DurationsTest {\n}\n"),
                CapsuleFile.of("README.md", "# Durations\r\n\r\nWindows line ends stay as they are.\r\n"),
                CapsuleFile.of("src/main/resources/empty.properties", ""));
        SortedMap<String, String> hashes = new TreeMap<>();
        files.forEach(f -> hashes.put(f.path(), sha256Hex(f.content())));
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, Instant.parse("2026-03-04T05:06:07.123Z"),
                List.of(Language.JAVA), hashes, List.of(Tier.T0), "0.1.0-test");
        ValidationReport report = new ValidationReport(List.of(
                StageResult.of("syntax", List.of(), 10),
                StageResult.of("compile", List.of(new Finding("compile", Severity.WARNING,
                        "src/main/java/demo/Durations.java", 3, 1, "lint", "unused import")), 200)));
        return Capsule.builder()
                .id("export-1")
                .request(CapsuleRequest.builder().description("Durations parser with tests").build())
                .files(files)
                .manifest(manifest)
                .validation(report)
                .attempts(List.of(new AttemptRecord(1, Tier.T0, true, 0, "initial route")))
                .usage(Usage.none().plus(new TierUsage(Tier.T0, 1, 100, 200, new BigDecimal("0.0004"))))
                .status(CapsuleStatus.VALIDATED)
                .build();
    }

    private static String sha256Hex(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
