package io.qlp.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.AbstractCapsuleExporterTest;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.core.json.CapsuleJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ZipCapsuleExporterTest extends AbstractCapsuleExporterTest {

    @Override
    protected CapsuleExporter createExporter() {
        return new ZipCapsuleExporter();
    }

    @Override
    protected Map<String, byte[]> readBack(Path archive) throws IOException {
        return unzip(Files.readAllBytes(archive));
    }

    private static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
        return entries;
    }

    @Test
    void should_be_found_by_service_loader_under_the_name_zip() {
        CapsuleExporterFactory factory = ServiceProviders.load(CapsuleExporterFactory.class, "zip");

        CapsuleExporter exporter = factory.create(ProviderConfig.empty());

        assertThat(exporter).isInstanceOf(ZipCapsuleExporter.class);
        assertThat(exporter.format()).isEqualTo("zip");
        assertThat(exporter.fileExtension()).isEqualTo("zip");
    }

    @Test
    void should_write_files_sorted_by_path_then_manifest_and_report_stamped_with_the_creation_time()
            throws IOException {
        Capsule capsule = exportableCapsule();

        List<ZipEntry> entries = entries(bytes(capsule));

        List<String> expected = new ArrayList<>(capsule.files().stream().map(CapsuleFile::path).sorted().toList());
        expected.add(ZipCapsuleExporter.MANIFEST_ENTRY);
        expected.add(ZipCapsuleExporter.REPORT_ENTRY);
        assertThat(entries).extracting(ZipEntry::getName).containsExactlyElementsOf(expected);
        LocalDateTime created = LocalDateTime.ofInstant(capsule.manifest().createdAt(), ZoneOffset.UTC);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.getTimeLocal())
                .isBetween(created.minusSeconds(2), created));
    }

    @Test
    void should_write_the_manifest_as_capsule_json_readable_by_capsule_json() throws IOException {
        Capsule capsule = exportableCapsule();

        byte[] manifest = unzip(bytes(capsule)).get(ZipCapsuleExporter.MANIFEST_ENTRY);

        assertThat(CapsuleJson.readManifest(new String(manifest, StandardCharsets.UTF_8)))
                .isEqualTo(capsule.manifest());
    }

    @Test
    void should_write_identical_bytes_when_the_files_come_in_another_order() throws IOException {
        Capsule capsule = exportableCapsule();
        List<CapsuleFile> reversed = new ArrayList<>(capsule.files());
        Collections.reverse(reversed);

        assertThat(bytes(capsule.toBuilder().files(reversed).build())).isEqualTo(bytes(capsule));
    }

    @Test
    void should_refuse_a_file_that_takes_the_manifest_name() {
        Capsule capsule = exportableCapsule().toBuilder()
                .files(List.of(CapsuleFile.of("capsule.json", "{}")))
                .build();

        assertThatThrownBy(() -> createExporter().export(capsule, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.EXPORT_FAILURE);
                    assertThat(e.details()).containsEntry("path", "capsule.json");
                });
    }

    private static byte[] bytes(Capsule capsule) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ZipCapsuleExporter().export(capsule, out);
        return out.toByteArray();
    }

    private static List<ZipEntry> entries(byte[] archive) throws IOException {
        List<ZipEntry> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
