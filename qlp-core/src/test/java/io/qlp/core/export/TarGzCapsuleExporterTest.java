package io.qlp.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.spi.AbstractCapsuleExporterTest;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;

class TarGzCapsuleExporterTest extends AbstractCapsuleExporterTest {

    @Override
    protected CapsuleExporter createExporter() {
        return new TarGzCapsuleExporter();
    }

    @Override
    protected Map<String, byte[]> readBack(Path archive) throws IOException {
        return CapsuleArchives.read(archive);
    }

    @Test
    void should_be_found_by_service_loader_under_the_name_tar_gz() {
        CapsuleExporter exporter = ServiceProviders.load(CapsuleExporterFactory.class, "tar.gz")
                .create(ProviderConfig.empty());

        assertThat(exporter).isInstanceOf(TarGzCapsuleExporter.class);
        assertThat(exporter.fileExtension()).isEqualTo("tar.gz");
    }

    @Test
    void should_write_regular_files_owned_by_root_and_stamped_with_the_creation_time() throws IOException {
        Capsule capsule = exportableCapsule();

        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(export(capsule));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.add(entry);
            }
        }

        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
                "README.md", "src/main/java/demo/Durations.java", "src/main/resources/empty.properties",
                "src/test/java/demo/DurationsTest.java", "capsule.json", "validation-report.json");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.isFile()).isTrue();
            assertThat(entry.getMode() & 0777).isEqualTo(0644);
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getModTime().toInstant().getEpochSecond())
                    .isEqualTo(capsule.manifest().createdAt().getEpochSecond());
        });
    }

    @Test
    void should_keep_paths_longer_than_100_characters_and_stay_deterministic() throws IOException {
        String longPath = "src/main/java/" + "very/".repeat(25) + "Deep.java";
        Capsule capsule = exportableCapsule().toBuilder()
                .files(List.of(CapsuleFile.of(longPath, "class Deep {}\n"))).build();

        Path first = export(capsule);
        Path second = export(capsule);

        assertThat(readBack(first)).containsKey(longPath);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }
}
