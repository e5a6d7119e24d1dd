package io.qlp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Sandbox} meets. Extend it in the implementation's tests and return the sandbox under
 * test from {@link #createSandbox()}. The commands used ({@code sh}, {@code echo}, {@code env}, {@code sleep},
 * {@code yes}, {@code head}) exist on every POSIX system.
 *
 * <p>Example:
 * <pre>{@code
 * class LocalProcessSandboxTest extends AbstractSandboxTest {
 *     protected Sandbox createSandbox() { return LocalProcessSandbox.create(); }
 * }
 * }</pre>
 */
public abstract class AbstractSandboxTest {

    /** Variables a sandbox or the shell itself may add besides PATH, HOME and the requested ones. */
    private static final Set<String> ALLOWED_EXTRA_VARIABLES =
            Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TMP", "TEMP", "PWD", "OLDPWD", "SHLVL", "_");

    /** The working folder of each test's commands. */
    @TempDir
    protected Path workDir;

    protected Sandbox sandbox;

    /** The sandbox under test; called before each test. */
    protected abstract Sandbox createSandbox();

    @BeforeEach
    void createSandboxUnderTest() {
        sandbox = createSandbox();
    }

    /** A request for {@code sh -c script} in {@link #workDir} with default limits. */
    protected SandboxRequest shell(String script, Duration timeout, Map<String, String> environment) {
        return new SandboxRequest(List.of("sh", "-c", script), workDir, timeout, ResourceLimits.defaults(), environment);
    }

    @Test
    void should_capture_stdout_stderr_and_exit_code_when_command_finishes() {
        SandboxResult result = sandbox.run(shell("echo hello; echo oops >&2; exit 3", Duration.ofSeconds(30), Map.of()));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr()).contains("oops");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.millis()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void should_run_in_working_directory_when_command_reads_files_there() throws Exception {
        java.nio.file.Files.writeString(workDir.resolve("input.txt"), "from the working folder");

        SandboxResult result = sandbox.run(shell("cat input.txt", Duration.ofSeconds(30), Map.of()));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("from the working folder");
    }

    @Test
    void should_kill_and_report_timeout_when_command_runs_too_long() {
        long started = System.nanoTime();

        SandboxResult result = sandbox.run(shell("sleep 30 & sleep 30; wait", Duration.ofSeconds(1), Map.of()));

        long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(elapsedMillis).isLessThan(15_000);
    }

    @Test
    void should_pass_only_allowed_and_requested_variables_when_command_reads_environment() {
        SandboxResult result = sandbox.run(shell("env", Duration.ofSeconds(30), Map.of("QLP_CONTRACT", "requested")));

        assertThat(result.exitCode()).isZero();
        Map<String, String> seen = Arrays.stream(result.stdout().split("\n"))
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (first, second) -> first));
        assertThat(seen).containsEntry("QLP_CONTRACT", "requested");
        assertThat(seen.keySet()).allSatisfy(name ->
                assertThat(ALLOWED_EXTRA_VARIABLES.contains(name) || name.equals("QLP_CONTRACT"))
                        .as("variable %s is allowed", name).isTrue());
        System.getenv().forEach((name, value) -> {
            if (!ALLOWED_EXTRA_VARIABLES.contains(name)) {
                assertThat(seen).as("host variable %s leaked", name).doesNotContainKey(name);
            }
        });
    }

    @Test
    void should_cut_output_without_blocking_when_command_writes_more_than_the_limit() {
        int limit = 64 * 1024;
        ResourceLimits limits = new ResourceLimits(60, 512L * 1024 * 1024, 512, 64L * 1024 * 1024, limit);
        String script = "yes stderr-line | head -c 3000000 >&2 & yes stdout-line | head -c 3000000; wait";

        SandboxResult result = sandbox.run(new SandboxRequest(List.of("sh", "-c", script), workDir,
                Duration.ofSeconds(30), limits, Map.of()));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().getBytes(StandardCharsets.UTF_8)).hasSizeBetween(1, limit);
        assertThat(result.stderr().getBytes(StandardCharsets.UTF_8)).hasSizeBetween(1, limit);
        assertThat(result.stdout()).startsWith("stdout-line\n");
    }
}
