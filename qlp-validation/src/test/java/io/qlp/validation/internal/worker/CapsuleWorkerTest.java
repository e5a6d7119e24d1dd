package io.qlp.validation.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker empties its working folder, so it must refuse to run anywhere its host did not prepare. */
class CapsuleWorkerTest {

    @TempDir
    Path folder;

    @Test
    void should_exit_with_4_and_delete_nothing_when_the_folder_has_no_marker() throws Exception {
        Path precious = Files.writeString(folder.resolve("pom.xml"), "<project/>");
        Files.createDirectories(folder.resolve("src/main/java"));

        Process worker = start();
        worker.getOutputStream().close();

        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(CapsuleWorker.EXIT_NOT_A_WORKER_FOLDER);
        assertThat(new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains(CapsuleWorker.FOLDER_MARKER);
        assertThat(precious).hasContent("<project/>");
        assertThat(folder.resolve("src/main/java")).isDirectory();
    }

    @Test
    void should_refuse_a_marker_that_is_a_link_to_a_file_elsewhere(@TempDir Path elsewhere) throws Exception {
        Path real = Files.createFile(elsewhere.resolve(CapsuleWorker.FOLDER_MARKER));
        Files.createSymbolicLink(folder.resolve(CapsuleWorker.FOLDER_MARKER), real);
        Path precious = Files.writeString(folder.resolve("notes.txt"), "keep me");

        Process worker = start();
        worker.getOutputStream().close();

        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(CapsuleWorker.EXIT_NOT_A_WORKER_FOLDER);
        assertThat(precious).hasContent("keep me");
    }

    @Test
    void should_start_and_answer_ready_when_the_host_marked_the_folder() throws Exception {
        Files.createFile(folder.resolve(CapsuleWorker.FOLDER_MARKER));

        Process worker = start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("nonce-1 " + WorkerProtocol.READY);
            worker.getOutputStream().close();
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            worker.destroyForcibly();
        }
        assertThat(worker.exitValue()).isZero();
        assertThat(folder.resolve(CapsuleWorker.FOLDER_MARKER)).isRegularFile();
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CapsuleWorker.class.getName(), "nonce-1"))
                .directory(folder.toFile()).start();
    }
}
