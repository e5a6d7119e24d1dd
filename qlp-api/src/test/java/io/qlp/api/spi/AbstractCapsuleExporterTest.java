package io.qlp.api.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.QlpException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link CapsuleExporter} keeps. Extend it in the implementation's tests: return the exporter
 * from {@link #createExporter()} and read what {@link CapsuleExporter#export(Capsule, Path)} wrote back into entry
 * name to bytes in {@link #readBack(Path)}.
 *
 * <p>An export holds every capsule file under its path with identical bytes, plus {@value #MANIFEST_ENTRY} (the
 * manifest) and {@value #REPORT_ENTRY} (the validation report), plus only the entries the format documents
 * ({@link #extraEntries(Capsule)}); the same capsule always gives the same content. Archive formats stream, leave
 * the stream open and write the same bytes to a stream as to a file; folder formats refuse a stream with
 * {@link io.qlp.api.ErrorCode#EXPORT_FAILURE}.
 *
 * <p>Example:
 * <pre>{@code
 * class ZipCapsuleExporterTest extends AbstractCapsuleExporterTest {
 *     protected CapsuleExporter createExporter() { return new ZipCapsuleExporter(); }
 *     protected Map<String, byte[]> readBack(Path archive) throws IOException { return unzip(archive); }
 * }
 * }</pre>
 */
public abstract class AbstractCapsuleExporterTest {

    /** The entry holding the manifest. */
    protected static final String MANIFEST_ENTRY = "capsule.json";
    /** The entry holding the validation report. */
    protected static final String REPORT_ENTRY = "validation-report.json";

    /** A folder for exports, new for each test. */
    @TempDir
    protected Path workDir;

    private int exports;

    /** The exporter under test. */
    protected abstract CapsuleExporter createExporter();

    /** The export's file entries, by name: an archive's entries, or a folder's files by relative path. */
    protected abstract Map<String, byte[]> readBack(Path exported) throws IOException;

    /** Entries the format adds besides the files, manifest and report, such as a build file; none by default. */
    protected Set<String> extraEntries(Capsule capsule) {
        return Set.of();
    }

    @Test
    void should_name_its_format_and_extension() {
        CapsuleExporter exporter = createExporter();

        assertThat(exporter.format()).isNotBlank();
        if (exporter.writesFolder()) {
            assertThat(exporter.fileExtension()).isEmpty();
        } else {
            assertThat(exporter.fileExtension()).isNotBlank().doesNotStartWith(".");
        }
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
        Set<String> expected = new HashSet<>(extraEntries(capsule));
        capsule.files().forEach(f -> expected.add(f.path()));
        expected.add(MANIFEST_ENTRY);
        expected.add(REPORT_ENTRY);
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        String manifest = new String(entries.get(MANIFEST_ENTRY), UTF_8);
        assertThat(manifest).contains(capsule.manifest().sha256().values()).contains(capsule.manifest().formatVersion());
        String report = new String(entries.get(REPORT_ENTRY), UTF_8);
        assertThat(report).contains("compile", "unused import");
    }

    @Test
    void should_write_identical_content_when_the_same_capsule_is_exported_twice() throws IOException {
        Path first = export(exportableCapsule());
        Path second = export(exportableCapsule());

        Map<String, byte[]> firstEntries = readBack(first);
        Map<String, byte[]> secondEntries = readBack(second);
        assertThat(secondEntries.keySet()).isEqualTo(firstEntries.keySet());
        firstEntries.forEach((name, bytes) -> assertThat(secondEntries.get(name)).as(name).isEqualTo(bytes));
        if (!createExporter().writesFolder()) {
            assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        }
    }

    @Test
    void should_stream_the_same_bytes_as_the_file_and_leave_the_output_open() throws IOException {
        CapsuleExporter exporter = createExporter();
        Assumptions.assumeFalse(exporter.writesFolder(), "folder formats do not stream");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream tracking = new FilterOutputStream(bytes) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };

        exporter.export(exportableCapsule(), tracking);

        assertThat(closed[0]).isFalse();
        assertThat(bytes.toByteArray()).isEqualTo(Files.readAllBytes(export(exportableCapsule())));
    }

    @Test
    void should_refuse_a_stream_when_the_format_writes_a_folder() {
        CapsuleExporter exporter = createExporter();
        Assumptions.assumeTrue(exporter.writesFolder(), "archive formats stream");

        assertThatThrownBy(() -> exporter.export(exportableCapsule(), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXPORT_FAILURE));
    }

    /** Exports {@code capsule} with a new exporter to a new path under {@link #workDir}; returns the path. */
    protected Path export(Capsule capsule) throws IOException {
        CapsuleExporter exporter = createExporter();
        String extension = exporter.fileExtension().isEmpty() ? "" : "." + exporter.fileExtension();
        Path target = workDir.resolve("export-" + (++exports) + extension);
        exporter.export(capsule, target);
        return target;
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
