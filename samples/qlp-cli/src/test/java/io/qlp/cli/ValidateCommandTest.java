package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qlp validate} on ordinary Maven-layout folders. */
class ValidateCommandTest {

    @TempDir
    Path workspace;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Path project(String name, String expression) throws IOException {
        return project(name, expression, "assertEquals(8, Calc.twice(4));");
    }

    Path project(String name, String expression, String testBody) throws IOException {
        Path root = workspace.resolve(name);
        Files.createDirectories(root.resolve("src/main/java/calc"));
        Files.createDirectories(root.resolve("src/test/java/calc"));
        Files.writeString(root.resolve("src/main/java/calc/Calc.java"), """
                package calc;

                public final class Calc {
                    public static int twice(int x) { return %s; }
                }
                """.formatted(expression));
        Files.writeString(root.resolve("src/test/java/calc/CalcTest.java"), """
                package calc;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import org.junit.jupiter.api.Test;

                class CalcTest {
                    @Test
                    void doubles() {
                        %s
                    }
                }
                """.formatted(testBody));
        return root;
    }

    int run(String... args) {
        return QlpCli.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void should_pass_a_correct_folder_and_fail_a_wrong_one_with_one_json_line_each() throws IOException {
        Path good = project("good", "x * 2");
        Path bad = project("bad", "x + 2");

        int code = run("validate", good.toString(), bad.toString(), "--json");

        assertThat(code).isEqualTo(ExitCodes.VALIDATION_FAILED);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        JsonNode second = json.readTree(lines.get(1));
        assertThat(first.path("path").asText()).isEqualTo(good.toString());
        assertThat(first.path("passed").asBoolean()).isTrue();
        assertThat(first.path("language").asText()).isEqualTo("java");
        assertThat(first.path("stages").size()).isGreaterThan(0);
        assertThat(second.path("passed").asBoolean()).isFalse();
        assertThat(second.toString()).contains("CalcTest.java").contains("doubles");
    }

    @Test
    void should_exit_0_when_every_folder_passes() throws IOException {
        assertThat(run("validate", project("a", "x * 2").toString(), project("b", "x + x").toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("PASS");
    }

    @Test
    void should_fail_a_path_that_is_not_a_folder() {
        assertThat(run("validate", workspace.resolve("missing").toString(), "--json"))
                .isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(out.toString()).contains("not a folder");
    }

    Path config(String yaml) throws IOException {
        return Files.writeString(workspace.resolve("qlp.yaml"), yaml);
    }

    JsonNode onlyLine() throws IOException {
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).as(err.toString()).hasSize(1);
        return new ObjectMapper().readTree(lines.get(0));
    }

    static List<String> stageNames(JsonNode verdict) {
        List<String> names = new ArrayList<>();
        verdict.path("stages").forEach(stage -> names.add(stage.path("name").asText()));
        return names;
    }

    @Test
    void should_report_the_timeout_finding_when_qlp_validation_shortens_the_java_test_timeout() throws IOException {
        Path endless = project("endless", "x * 2", "while (Calc.twice(1) == 2) { Thread.onSpinWait(); }");
        Path file = config("""
                qlp:
                  validation:
                    validators:
                      java: {test-timeout: 2s}
                """);

        int code = run("validate", endless.toString(), "--json", "--config", file.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        List<JsonNode> findings = new ArrayList<>();
        onlyLine().path("stages").forEach(stage -> stage.path("findings").forEach(findings::add));
        assertThat(findings).anySatisfy(finding -> {
            assertThat(finding.path("rule").asText()).isEqualTo("junit.timeout");
            assertThat(finding.path("message").asText()).contains("timeout PT2S");
        });
    }

    @Test
    void should_leave_out_the_security_stage_when_qlp_validation_disables_it() throws IOException {
        Path good = project("good", "x * 2");
        Path file = config("""
                qlp:
                  validation:
                    disabled: [security]
                """);

        assertThat(run("validate", good.toString(), "--json")).as(err.toString()).isZero();
        assertThat(stageNames(onlyLine())).contains("security");
        out.getBuffer().setLength(0);

        assertThat(run("validate", good.toString(), "--json", "--config", file.toString())).as(err.toString()).isZero();
        JsonNode verdict = onlyLine();
        assertThat(verdict.path("passed").asBoolean()).isTrue();
        assertThat(stageNames(verdict)).isNotEmpty().doesNotContain("security");
    }

    @Test
    void should_exit_with_a_usage_error_listing_the_validators_when_a_configured_name_matches_none()
            throws IOException {
        Path file = config("""
                qlp:
                  validation:
                    validators:
                      pyton: {warm-pool: false}
                """);

        int code = run("validate", project("a", "x * 2").toString(), "--config", file.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("[configuration]").contains("qlp.validation.validators.pyton")
                .contains("java, python, javascript, security");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void should_exit_with_a_usage_error_naming_the_key_when_a_validator_rejects_a_value() throws IOException {
        Path file = config("""
                qlp:
                  validation:
                    validators:
                      python: {test-timeout: soon}
                """);

        int code = run("validate", project("a", "x * 2").toString(), "--config", file.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("[configuration]")
                .contains("qlp.validation.validators.python.test-timeout").contains("soon");
    }
}
