package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.core.testing.TemporalTestServerProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qlp generate}, {@code qlp worker} and {@code qlp status} with {@code qlp.orchestration: temporal}, in process,
 * against Temporal's test server in a separate process on 127.0.0.1 and a loopback model server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TemporalCommandsTest {

    @TempDir
    static Path serverDir;
    static TemporalTestServerProcess temporal;

    @TempDir
    Path workspace;
    LoopbackOpenAiServer model;

    @BeforeAll
    static void startTemporal() throws InterruptedException {
        temporal = TemporalTestServerProcess.start(serverDir.resolve("temporal.log"));
    }

    @AfterAll
    static void stopTemporal() throws InterruptedException {
        if (temporal != null) {
            temporal.close();
        }
    }

    @BeforeEach
    void startModel() {
        model = LoopbackOpenAiServer.start();
        model.whenEmptyAnswerCompletion(GenerateCommandTest.FIXED, 100, 50);
    }

    @org.junit.jupiter.api.AfterEach
    void stopModel() {
        model.close();
    }

    Path config(String taskQueue) throws IOException {
        return Files.writeString(workspace.resolve("qlp.yaml"), """
                qlp:
                  data-dir: %s
                  tiers:
                    t0: {provider: openai, base-url: %s, api-key: x, model: small, max-retries: 0}
                  memory: {enabled: false}
                  cache: {exact: {enabled: false}}
                  orchestration: temporal
                  temporal: {target: "%s", task-queue: %s, sticky-execution: false}
                """.formatted(workspace.resolve("data"), model.baseUrl(), temporal.target(), taskQueue));
    }

    record Result(int exit, String out, String err) {
    }

    static Result qlp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = QlpCli.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void should_print_ids_first_and_write_capsule_when_generate_runs_its_own_worker() throws IOException {
        Path config = config("cli-own-worker");
        Path out = workspace.resolve("out");

        Result generate = qlp("generate", "A greeter, with tests", "--out", out.toString(), "--config",
                config.toString());

        assertThat(generate.exit()).as(generate.err()).isZero();
        List<String> lines = generate.err().lines().toList();
        assertThat(lines.get(0)).startsWith("capsule ");
        String capsuleId = lines.get(0).substring("capsule ".length());
        assertThat(lines.get(1)).isEqualTo("workflow qlp-capsule-" + capsuleId);
        assertThat(out.resolve("src/main/java/demo/Greeter.java")).exists();
        assertThat(generate.out()).contains("VALIDATED");

        Result status = qlp("status", capsuleId, "--config", config.toString());
        assertThat(status.exit()).as(status.err()).isZero();
        // No worker runs any more to answer the progress query, so the outcome comes from the workflow's result.
        assertThat(status.out()).contains("state    COMPLETED").contains("capsule status VALIDATED");

        Result json = qlp("status", "qlp-capsule-" + capsuleId, "--config", config.toString(), "--json");
        assertThat(json.out()).contains("\"state\":\"COMPLETED\"").contains("\"capsuleId\":\"" + capsuleId + "\"");
    }

    @Test
    void should_complete_on_worker_command_when_generate_has_no_worker() throws Exception {
        Path config = config("cli-separate-worker");
        AtomicReference<Thread> workerThread = new AtomicReference<>();
        CompletableFuture<Result> worker = CompletableFuture.supplyAsync(() -> {
            workerThread.set(Thread.currentThread());
            return qlp("worker", "--config", config.toString());
        });

        Result generate = qlp("generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config.toString(), "--no-worker");

        assertThat(generate.exit()).as(generate.err()).isZero();
        assertThat(generate.err().lines().findFirst().orElseThrow()).startsWith("capsule ");
        assertThat(model.requests()).hasSize(1);
        workerThread.get().interrupt();
        Result stopped = worker.get(30, TimeUnit.SECONDS);
        assertThat(stopped.exit()).isZero();
        assertThat(stopped.err()).contains("worker polling task queue cli-separate-worker").contains("worker stopped");
    }

    @Test
    void should_fail_with_not_found_when_status_has_unknown_id() throws IOException {
        Result status = qlp("status", "no-such-capsule", "--config", config("cli-status").toString());

        assertThat(status.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(status.err()).contains("capsule_not_found");
    }

    @Test
    void should_refuse_no_worker_when_orchestration_is_in_process() throws IOException {
        Path config = Files.writeString(workspace.resolve("plain.yaml"), """
                qlp:
                  tiers:
                    t0: {provider: openai, base-url: %s, api-key: x, model: small}
                """.formatted(model.baseUrl()));

        Result generate = qlp("generate", "A greeter", "--out", workspace.resolve("o").toString(), "--config",
                config.toString(), "--no-worker");

        assertThat(generate.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(generate.err()).contains("--no-worker needs qlp.orchestration: temporal");
    }
}
