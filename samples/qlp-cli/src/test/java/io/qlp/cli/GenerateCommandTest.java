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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qlp generate} as a user runs it, against a loopback OpenAI-compatible server. */
class GenerateCommandTest {

    static final String BROKEN = """
            Sure! Here are the files.

            **src/main/java/demo/Greeter.java**
            ```java
            package demo;

            public final class Greeter {
                public static String greet(String name) { return "Hello, " + name }
            }
            ```

            **src/test/java/demo/GreeterTest.java**
            ```java
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;

            class GreeterTest {
                @Test
                void greets() { assertEquals("Hello, Ada", Greeter.greet("Ada")); }
            }
            ```
            """;
    static final String FIXED = BROKEN.replace("\"Hello, \" + name }", "\"Hello, \" + name; }");

    static String wrong(int variant) {
        return FIXED.replace("\"Hello, \" + name;", "\"Hi, \" + name; /* " + variant + " */");
    }

    @TempDir
    Path workspace;
    LoopbackOpenAiServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        server = LoopbackOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Path config() throws IOException {
        return Files.writeString(workspace.resolve("qlp.yaml"), """
                qlp:
                  tiers:
                    t0: {provider: openai, base-url: %s, api-key: x, model: small, max-retries: 0, input-usd-per-1k-tokens: 0.0005, output-usd-per-1k-tokens: 0.0015}
                  generation:
                    max-attempts: 3
                """.formatted(server.baseUrl()));
    }

    int run(Map<String, String> environment, String... args) {
        return QlpCli.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void should_write_validated_capsule_and_exit_0_when_model_repairs_a_compile_error() throws IOException {
        server.enqueueCompletion(BROKEN, 400, 100).enqueueCompletion(FIXED, 600, 100);
        Path outDir = workspace.resolve("out");

        int code = run(Map.of(), "generate", "A greeter, with tests", "--language", "java", "--out", outDir.toString(),
                "--config", config().toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.path("status").asText()).isEqualTo("VALIDATED");
        assertThat(summary.path("attempts").asInt()).isEqualTo(2);
        assertThat(summary.path("tiers").get(0).asText()).isEqualTo("T0");
        assertThat(summary.path("files")).hasSize(2);
        assertThat(summary.path("validation").path("passed").asBoolean()).isTrue();
        assertThat(summary.path("usage").path("inputTokens").asLong()).isEqualTo(1000);
        assertThat(summary.path("usage").path("outputTokens").asLong()).isEqualTo(200);
        assertThat(summary.path("usage").path("costUsd").decimalValue()).isEqualByComparingTo("0.0008");
        assertThat(outDir.resolve("src/main/java/demo/Greeter.java")).content().contains("\"Hello, \" + name;");
        assertThat(outDir.resolve("capsule.json")).content().contains("\"sha256\"");
        assertThat(err.toString().lines().findFirst().orElseThrow())
                .isEqualTo("capsule " + summary.path("id").asText());
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void should_exit_3_with_findings_when_tests_fail_on_every_attempt() throws IOException {
        server.enqueueCompletion(wrong(1), 10, 10).enqueueCompletion(wrong(2), 10, 10).enqueueCompletion(wrong(3), 10, 10);

        int code = run(Map.of(), "generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config().toString(), "--json");

        assertThat(code).isEqualTo(ExitCodes.VALIDATION_FAILED);
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.path("status").asText()).isEqualTo("FAILED_VALIDATION");
        assertThat(summary.path("attempts").asInt()).isEqualTo(3);
        assertThat(summary.path("validation").path("findings").toString()).contains("greets");
    }

    @Test
    void should_exit_2_and_explain_how_to_configure_when_no_model_is_configured() {
        int code = run(Map.of(), "generate", "A greeter, with tests", "--out", workspace.resolve("out").toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("QLP_OPENAI_BASE_URL").contains("--config").contains("Ollama");
        assertThat(workspace.resolve("out")).doesNotExist();
    }

    @Test
    void should_use_environment_variables_when_no_config_file_is_given() {
        server.enqueueCompletion(FIXED, 10, 10);
        Map<String, String> environment = Map.of("QLP_OPENAI_BASE_URL", server.baseUrl(),
                "QLP_OPENAI_API_KEY", "x", "QLP_MODEL", "small");

        int code = run(environment, "generate", "A greeter, with tests", "--out", workspace.resolve("out").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(server.requests().get(0).path("model").asText()).isEqualTo("small");
    }

    @Test
    void should_exit_2_with_invalid_request_when_description_is_blank() throws IOException {
        int code = run(Map.of(), "generate", "   ", "--out", workspace.resolve("out").toString(),
                "--config", config().toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("invalid_request").contains("description");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_exit_1_naming_the_error_code_when_the_server_answers_500_every_time() throws IOException {
        server.whenEmptyAnswerError(500, "overloaded");

        int code = run(Map.of(), "generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config().toString());

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("model_unavailable").doesNotContain("Exception\n\tat ");
        assertThat(workspace.resolve("out")).doesNotExist();
    }

    @Test
    void should_write_nothing_when_the_model_answers_with_a_path_leaving_the_capsule() throws IOException {
        server.enqueueCompletion("File: ../../etc/passwd\n```\nroot::0:0::/root:/bin/sh\n```\n", 10, 10);
        Path outDir = workspace.resolve("nested/out");
        Path config = config();

        int code = run(Map.of(), "generate", "A greeter, with tests", "--out", outDir.toString(),
                "--config", config.toString());

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("unsafe_path").contains("../../etc/passwd");
        assertThat(filesUnder(workspace)).containsExactly(config);
    }

    @Test
    void should_exit_1_with_no_files_in_answer_when_the_model_answers_without_files() throws IOException {
        server.whenEmptyAnswerCompletion("I would write a greeter class with a greet method.", 10, 10);

        int code = run(Map.of(), "generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config().toString());

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("no_files_in_answer");
        assertThat(workspace.resolve("out")).doesNotExist();
    }
}
