package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.FileRole;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFilesTest {

    @TempDir
    Path project;

    @Test
    void should_read_text_files_with_slash_paths_and_skip_build_output_binaries_and_large_files() throws IOException {
        write("pom.xml", "<project/>");
        write("src/main/java/com/example/App.java", "class App {}");
        write("src/test/java/com/example/AppTest.java", "class AppTest {}");
        write("target/classes/App.class", "compiled");
        write(".git/HEAD", "ref: refs/heads/main");
        write("node_modules/lib/index.js", "module.exports = 1;");
        write("src/__pycache__/x.pyc", "cache");
        Files.write(project.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.writeString(project.resolve("huge.txt"), "x".repeat((int) DirectoryFiles.MAX_FILE_BYTES + 1));

        List<CapsuleFile> files = DirectoryFiles.read(project);

        assertThat(files).extracting(CapsuleFile::path).containsExactly(
                "pom.xml", "src/main/java/com/example/App.java", "src/test/java/com/example/AppTest.java");
        assertThat(files.get(2).role()).isEqualTo(FileRole.TEST);
        assertThat(files.get(1).content()).isEqualTo("class App {}");
    }

    @Test
    void should_keep_source_folders_named_build_or_target_when_no_build_file_sits_beside_them() throws IOException {
        write("pom.xml", "<project/>");
        write("src/main/java/com/acme/build/Step.java", "class Step {}");
        write("src/main/java/com/acme/target/Env.java", "enum Env {}");
        write("module/pom.xml", "<project/>");
        write("module/target/classes/Module.class", "compiled");
        write("web/package.json", "{}");
        write("web/build/bundle.js", "bundled");
        write("build/libs/app.txt", "gradle output");

        List<CapsuleFile> files = DirectoryFiles.read(project);

        assertThat(files).extracting(CapsuleFile::path).containsExactly("module/pom.xml", "pom.xml",
                "src/main/java/com/acme/build/Step.java", "src/main/java/com/acme/target/Env.java", "web/package.json");
    }

    @Test
    void should_refuse_a_path_that_is_not_a_folder() {
        assertThatThrownBy(() -> DirectoryFiles.read(project.resolve("missing")))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void should_detect_java_when_a_pom_sits_next_to_java_sources() {
        List<CapsuleFile> files = List.of(CapsuleFile.of("pom.xml", "<project/>"),
                CapsuleFile.of("src/main/java/App.java", "class App {}"),
                CapsuleFile.of("web/a.js", ""), CapsuleFile.of("web/b.js", ""));

        assertThat(DirectoryFiles.detectLanguage(files)).isEqualTo(Language.JAVA);
    }

    @Test
    void should_detect_the_language_with_most_sources_when_there_is_no_build_file() {
        List<CapsuleFile> files = List.of(CapsuleFile.of("app.py", ""), CapsuleFile.of("test_app.py", ""),
                CapsuleFile.of("tool.js", ""));

        assertThat(DirectoryFiles.detectLanguage(files)).isEqualTo(Language.PYTHON);
    }

    @Test
    void should_break_a_tie_with_the_marker_file() {
        List<CapsuleFile> files = List.of(CapsuleFile.of("package.json", "{}"), CapsuleFile.of("index.js", ""),
                CapsuleFile.of("helper.py", ""));

        assertThat(DirectoryFiles.detectLanguage(files)).isEqualTo(Language.JAVASCRIPT);
    }

    @Test
    void should_refuse_to_guess_when_no_source_file_is_recognized() {
        List<CapsuleFile> files = List.of(CapsuleFile.of("README.md", "# hello"));

        assertThatThrownBy(() -> DirectoryFiles.detectLanguage(files))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("no Java, Python or JavaScript source");
    }

    private void write(String path, String content) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
