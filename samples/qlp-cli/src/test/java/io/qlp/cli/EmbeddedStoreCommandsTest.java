package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store commands on the default store: an H2 file under {@code qlp.data-dir}. */
class EmbeddedStoreCommandsTest extends AbstractStoreCommandsTest {

    @Override
    protected String storeYaml() {
        return "  data-dir: " + workspace.resolve("data");
    }

    @Test
    void should_validate_a_new_version_with_the_test_timeout_that_qlp_validation_sets() throws Exception {
        String id = generate(config(""));
        Path shortTimeout = config("""
                  validation:
                    validators:
                      java: {test-timeout: 2s}
                """);
        Path changes = Files.writeString(workspace.resolve("endless.json"), """
                {"changes": [
                  {"op": "modify", "path": "src/main/java/demo/Greeter.java",
                   "content": "package demo;\\n\\npublic final class Greeter {\\n    public static String greet(String name) {\\n        while (name != null) { Thread.onSpinWait(); }\\n        return \\"\\";\\n    }\\n}\\n"}]}
                """);

        int code = run("version", id, "--changes", changes.toString(), "-m", "spin",
                "--config", shortTimeout.toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(out.toString()).contains("version 2 of capsule " + id).contains("timeout PT2S");
    }
}
