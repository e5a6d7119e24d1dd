package io.qlp.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.QlpException;
import io.qlp.api.spi.AbstractCapsuleExporterTest;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.api.spi.CapsuleExporterFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DirectoryCapsuleExporterTest extends AbstractCapsuleExporterTest {

    @Override
    protected CapsuleExporter createExporter() {
        return new DirectoryCapsuleExporter();
    }

    @Override
    protected Map<String, byte[]> readBack(Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Override
    protected Set<String> extraEntries(Capsule capsule) {
        return Set.of("pom.xml");
    }

    @Test
    void should_be_found_by_service_loader_under_the_name_directory() {
        CapsuleExporter exporter = ServiceProviders.load(CapsuleExporterFactory.class, "directory")
                .create(ProviderConfig.empty());

        assertThat(exporter.writesFolder()).isTrue();
    }

    @Test
    void should_add_a_maven_pom_with_junit_5_for_java() throws IOException {
        Path folder = export(exportableCapsule());

        assertThat(folder.resolve("pom.xml")).content()
                .contains("<artifactId>capsule-export-1</artifactId>", "junit-jupiter", "<maven.compiler.release>17");
    }

    @Test
    void should_add_pyproject_for_python_and_package_json_for_javascript() throws IOException {
        Capsule python = withLanguage(Language.PYTHON, List.of(CapsuleFile.of("test_app.py", "def test_x(): pass\n")));
        Capsule js = withLanguage(Language.JAVASCRIPT, List.of(CapsuleFile.of("app.test.js", "// test\n")));

        assertThat(readBack(export(python))).containsKey("pyproject.toml").doesNotContainKey("pom.xml");
        Map<String, byte[]> node = readBack(export(js));
        assertThat(new String(node.get("package.json"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"test\": \"node --test\"");
    }

    @Test
    void should_keep_the_capsules_own_build_file() throws IOException {
        Capsule capsule = exportableCapsule().toBuilder().files(List.of(CapsuleFile.of("pom.xml", "<project/>\n")))
                .build();

        assertThat(export(capsule).resolve("pom.xml")).hasContent("<project/>");
    }

    @Test
    void should_refuse_a_folder_that_is_not_empty() throws IOException {
        Path folder = Files.createDirectories(workDir.resolve("taken"));
        Files.writeString(folder.resolve("mine.txt"), "keep me");

        assertThatThrownBy(() -> createExporter().export(exportableCapsule(), folder))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXPORT_FAILURE));
        assertThat(folder.resolve("mine.txt")).hasContent("keep me");
    }

    private static Capsule withLanguage(Language language, List<CapsuleFile> files) {
        Capsule base = exportableCapsule();
        return base.toBuilder().files(files).request(CapsuleRequest.builder()
                .description("a " + language.id() + " capsule").language(language).build()).build();
    }
}
