package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qlp memory bench} and the memory and cache settings of {@code qlp generate}. */
class MemoryCommandTest {

    @TempDir
    Path workspace;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return QlpCli.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void should_print_recall_and_latencies_as_json() throws IOException {
        int code = run("memory", "bench", "--vectors", "600", "--dim", "16", "--queries", "20", "--k", "10",
                "--clusters", "20", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("recallAt10").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.path("recallAt10").asDouble()).isGreaterThan(0.5);
        assertThat(result.has("p50Micros")).isTrue();
        assertThat(result.has("p99Micros")).isTrue();
        assertThat(result.has("exactP50Micros")).isTrue();
        assertThat(result.has("buildSeconds")).isTrue();
    }

    @Test
    void should_measure_each_search_candidates_value_over_one_index_of_minilm_request_texts() throws IOException {
        Path cache = workspace.resolve("texts.vec");
        String[] args = {"memory", "bench", "--data", "minilm", "--vectors", "300", "--queries", "10", "--k", "5",
            "--languages", "2", "--search-candidates", "5,50", "--embeddings-cache", cache.toString(), "--json"};

        assertThat(run(args)).as(err.toString()).isZero();

        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode narrow = json.readTree(lines[0]);
        JsonNode wide = json.readTree(lines[1]);
        assertThat(narrow.path("searchCandidates").asInt()).isEqualTo(5);
        assertThat(wide.path("searchCandidates").asInt()).isEqualTo(50);
        assertThat(wide.path("dim").asInt()).isEqualTo(384);
        assertThat(wide.path("data").asText()).contains("minilm");
        assertThat(wide.path("recallAt5").asDouble()).isGreaterThan(0.9);
        assertThat(wide.has("cpuP50Micros")).isTrue();
        assertThat(wide.path("segments").asInt()).isPositive();
        assertThat(VectorFile.read(cache)).hasNumberOfRows(310);
    }

    @Test
    void should_load_the_index_in_batches_and_report_its_segments() throws IOException {
        int code = run("memory", "bench", "--vectors", "400", "--dim", "8", "--queries", "10", "--k", "5",
                "--batch", "100", "--languages", "3", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("batch").asInt()).isEqualTo(100);
        assertThat(result.path("segments").asInt()).isBetween(1, 4);
        assertThat(result.path("recallAt5").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void should_reject_k_larger_than_the_vectors() {
        assertThat(run("memory", "bench", "--vectors", "5", "--k", "10")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--vectors");
    }

    @Test
    void should_see_the_first_runs_code_in_the_second_runs_prompt()
            throws IOException {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start()) {
            server.whenEmptyAnswerCompletion(GenerateCommandTest.FIXED, 100, 20);
            Path config = Files.writeString(workspace.resolve("qlp.yaml"), """
                    qlp:
                      data-dir: %s
                      tiers:
                        t0: {provider: openai, base-url: %s, api-key: x, model: small, max-retries: 0}
                      memory: {store: embedded}
                      cache:
                        exact: {enabled: true}
                        semantic: {enabled: false}
                    """.formatted(workspace.resolve("data"), server.baseUrl()));

            int first = run("generate", "A greeter that says hello to a name, with tests", "--out",
                    workspace.resolve("one").toString(), "--config", config.toString());
            int second = run("generate", "A greeter class that greets a person by name, with tests", "--out",
                    workspace.resolve("two").toString(), "--config", config.toString());

            assertThat(first).as(err.toString()).isZero();
            assertThat(second).as(err.toString()).isZero();
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requestText(0)).doesNotContain("similar past requests");
            assertThat(server.requestText(1)).contains("similar past requests")
                    .contains("// src/main/java/demo/Greeter.java");
            assertThat(workspace.resolve("data").resolve("memory").resolve("code_patterns")).isDirectory();
        }
    }

    @Test
    void should_fail_with_a_configuration_error_naming_the_key_when_the_memory_store_is_unknown()
            throws IOException {
        Path config = Files.writeString(workspace.resolve("qlp.yaml"), """
                qlp:
                  data-dir: %s
                  tiers:
                    t0: {provider: openai, base-url: http://127.0.0.1:9/v1, api-key: x, model: small}
                  memory: {store: cassandra}
                """.formatted(workspace.resolve("data")));

        int code = run("generate", "A greeter", "--out", workspace.resolve("out").toString(), "--config",
                config.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("qlp.memory.store").contains("cassandra");
    }
}
