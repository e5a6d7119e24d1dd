package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFileTest {

    @TempDir
    Path folder;

    @Test
    void should_read_back_the_vectors_it_wrote() throws IOException {
        float[][] vectors = {{1f, -2.5f, 3e-7f}, {0f, Float.MIN_VALUE, 42f}};
        Path file = folder.resolve("v.vec");

        VectorFile.write(file, vectors);

        float[][] read = VectorFile.read(file);
        assertThat(read).hasNumberOfRows(2);
        assertThat(Arrays.deepEquals(read, vectors)).isTrue();
        assertThat(folder.resolve("v.vec.tmp")).doesNotExist();
    }

    @Test
    void should_reject_a_truncated_file_naming_it() throws IOException {
        Path file = folder.resolve("v.vec");
        VectorFile.write(file, new float[][] {{1f, 2f}, {3f, 4f}});
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));

        assertThatThrownBy(() -> VectorFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("v.vec");
    }
}
