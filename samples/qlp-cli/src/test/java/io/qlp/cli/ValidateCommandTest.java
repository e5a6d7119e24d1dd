package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                        assertEquals(8, Calc.twice(4));
                    }
                }
                """);
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
}
