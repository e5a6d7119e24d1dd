package io.qlp.validation.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectArchiveTest {

    @TempDir
    Path folder;

    @Test
    void should_unpack_every_file_at_its_path_when_the_worker_extracts_the_project() throws IOException {
        Path zip = folder.resolve("project.zip");
        ProjectArchive.write(zip, Map.of("pom.xml", "<project/>", "src/test/resources/data/ü.csv", "a,b\n"));
        Path work = Files.createDirectory(folder.resolve("work"));

        ProjectArchive.extract(zip, work, ".marker");

        assertThat(work.resolve("pom.xml")).hasContent("<project/>");
        assertThat(work.resolve("src/test/resources/data/ü.csv")).hasContent("a,b\n");
    }

    @Test
    void should_skip_the_reserved_name_when_a_project_file_has_it() throws IOException {
        Path zip = folder.resolve("project.zip");
        ProjectArchive.write(zip, Map.of(".marker", "forged", "sub/.marker", "kept"));
        Path work = Files.createDirectory(folder.resolve("work"));
        Files.writeString(work.resolve(".marker"), "host");

        ProjectArchive.extract(zip, work, ".marker");

        assertThat(work.resolve(".marker")).hasContent("host");
        assertThat(work.resolve("sub/.marker")).hasContent("kept");
    }

    @Test
    void should_refuse_an_entry_that_leaves_the_folder() throws IOException {
        Path zip = folder.resolve("project.zip");
        ProjectArchive.write(zip, Map.of("../outside.txt", "x"));
        Path work = Files.createDirectory(folder.resolve("work"));

        assertThatThrownBy(() -> ProjectArchive.extract(zip, work, ".marker"))
                .isInstanceOf(IOException.class).hasMessageContaining("would leave");
        assertThat(folder.resolve("outside.txt")).doesNotExist();
    }
}
