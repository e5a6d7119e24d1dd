package io.qlp.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.core.config.TemporalSettings;
import io.qlp.core.testing.JvmProcess;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.core.testing.TemporalTestServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal's test server and the workers in separate JVMs on 127.0.0.1: a worker killed with {@code kill -9} while
 * the repair call is in flight is replaced, and the run completes without paying for the first call again.
 */
class CrashResumeTest {

    @TempDir
    Path dir;

    LoopbackOpenAiServer model;
    TemporalTestServerProcess temporal;
    JvmProcess firstWorker;
    JvmProcess secondWorker;
    TemporalConnection connection;

    @BeforeEach
    void start() throws InterruptedException {
        model = LoopbackOpenAiServer.start();
        temporal = TemporalTestServerProcess.start(dir.resolve("temporal.log"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        // Kept in the test's output file, for a run that failed in a worker.
        for (JvmProcess worker : new JvmProcess[] {firstWorker, secondWorker}) {
            if (worker != null) {
                System.out.println("---- worker output ----\n" + worker.tail());
            }
        }
        if (connection != null) {
            connection.close();
        }
        Path serverLog = dir.resolve("temporal.log");
        if (Files.exists(serverLog)) {
            try {
                System.out.println("---- temporal test server output ----\n" + Files.readString(serverLog));
            } catch (java.io.IOException e) {
                System.out.println("cannot read " + serverLog + ": " + e);
            }
        }
        for (AutoCloseableProcess process : List.<AutoCloseableProcess>of(
                () -> close(firstWorker), () -> close(secondWorker), () -> {
                    if (temporal != null) {
                        temporal.close();
                    }
                })) {
            process.close();
        }
        model.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_complete_without_repeating_first_call_when_worker_is_killed_during_repair_call() throws Exception {
        String taskQueue = "qlp-crash";
        model.enqueueCompletion(CapsuleWorkflowTest.BROKEN, 100, 50)
                // The repair call is held open long enough to kill the worker that made it.
                .enqueue(model.completion(CapsuleWorkflowTest.FIXED, 200, 50).after(Duration.ofSeconds(90)))
                .whenEmptyAnswerCompletion(CapsuleWorkflowTest.FIXED, 200, 50);
        Path config = writeConfig(taskQueue);
        firstWorker = JvmProcess.start(WorkerProcessMain.class.getName(), List.of(config.toString()),
                dir.resolve("worker-1.log"));
        firstWorker.awaitOutput(WorkerProcessMain.READY, Duration.ofSeconds(30));

        connection = TemporalConnection.open(new TemporalSettings(temporal.target(), null, taskQueue,
                Duration.ofSeconds(2), null, null, Duration.ofMillis(200), null, null));
        TemporalCapsuleClient client = TemporalCapsuleClient.of(connection);
        CapsuleRun run = client.start(CapsuleRequest.builder()
                .description("A class that adds two integers, with tests").language(Language.JAVA).build());
        CompletableFuture<Capsule> result = CompletableFuture.supplyAsync(() -> client.await(run));

        awaitRequests(2, Duration.ofSeconds(60));
        firstWorker.kill();
        assertThat(firstWorker.isAlive()).isFalse();
        secondWorker = JvmProcess.start(WorkerProcessMain.class.getName(), List.of(config.toString()),
                dir.resolve("worker-2.log"));

        Capsule capsule;
        try {
            capsule = result.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run did not complete; its history:\n"
                    + connection.client().fetchHistory(run.workflowId()).getHistory(), e);
        }

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.attempts()).hasSize(2);
        assertThat(capsule.id()).isEqualTo(run.capsuleId());
        List<JsonNode> requests = model.requests();
        // The first call (system + request) was answered before the crash and is never made again.
        assertThat(requests.stream().filter(r -> r.path("messages").size() == 2).count()).isEqualTo(1);
        // The repair call was in flight when the worker died: seen once before the crash, once after.
        assertThat(requests).hasSizeBetween(2, 3);
        assertThat(requests.subList(1, requests.size())).allSatisfy(r -> assertThat(r.path("messages").size())
                .isEqualTo(4));
        RunStatus status = client.status(run.capsuleId());
        assertThat(status.state()).isEqualTo("COMPLETED");
        assertThat(status.capsuleStatus()).isEqualTo("VALIDATED");
    }

    private void awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (model.requests().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the model saw " + model.requests().size() + " requests, not "
                        + count);
            }
            Thread.sleep(50);
        }
    }

    private Path writeConfig(String taskQueue) throws java.io.IOException {
        Map<String, Object> qlp = Map.of(
                "tiers", Map.of("t0", Map.of("provider", "openai", "base-url", model.baseUrl(), "api-key", "x",
                        "model", "small", "max-retries", 0, "timeout", "PT120S")),
                "generation", Map.of("max-attempts", 3),
                "store", Map.of("type", "in-memory"),
                "memory", Map.of("enabled", false),
                "cache", Map.of("exact", Map.of("enabled", false)),
                "orchestration", "temporal",
                // Temporal's test server never moves a dead worker's sticky task to the shared queue.
                "temporal", Map.of("target", temporal.target(), "task-queue", taskQueue, "sticky-execution", false));
        Path config = dir.resolve("worker.json");
        Files.writeString(config, new ObjectMapper().writeValueAsString(Map.of("qlp", qlp)));
        return config;
    }

    private static void close(JvmProcess process) throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }

    @FunctionalInterface
    private interface AutoCloseableProcess {
        void close() throws InterruptedException;
    }
}
