package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.validation.internal.NetworkIsolation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The warm path of {@link PythonValidator}: one zygote (pool of one) serves capsule after capsule. Hostile capsules
 * must fail with a clear reason, and the capsule validated right after each, by the same pool, must pass.
 */
class PythonWarmPoolTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** A marker argument of the processes a capsule leaves behind, to look for survivors on the host. */
    private static final String STRAY_MARKER = "4711";

    private static PythonValidator validator;

    @BeforeAll
    static void startPool() {
        assumeTrue(NetworkIsolation.detect().pidNamespace(), "no PID namespace here: the zygote cannot run");
        validator = PythonValidator.builder().poolSize(1).testTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void stopPool() {
        if (validator != null) {
            validator.close();
        }
    }

    @AfterEach
    void nextCapsuleIsUnharmed() {
        ValidationReport next = validator.validate(target("assert three() == 3"));

        assertThat(next.errors()).as("the capsule after the one under test").isEmpty();
        assertThat(next.passed()).isTrue();
    }

    @Test
    void should_not_see_the_modules_or_globals_of_the_previous_capsule_when_the_same_zygote_runs_both() {
        ValidationReport first = validator.validate(new ValidationTarget(List.of(
                CapsuleFile.of("leaky.py", "import builtins\nbuiltins.LEAKED = 1\nVALUE = 2\n"),
                CapsuleFile.of("test_first.py", "import leaky\nimport sys\n\n\ndef test_first():\n"
                        + "    sys.modules['planted'] = leaky\n    assert leaky.VALUE == 2\n")), Language.PYTHON));
        ValidationReport second = validator.validate(new ValidationTarget(List.of(
                CapsuleFile.of("test_second.py", "import builtins\nimport sys\n\n\ndef test_second():\n"
                        + "    assert 'leaky' not in sys.modules\n    assert 'planted' not in sys.modules\n"
                        + "    assert 'test_first' not in sys.modules\n    assert not hasattr(builtins, 'LEAKED')\n")),
                Language.PYTHON));

        assertThat(first.passed()).isTrue();
        assertThat(second.errors()).isEmpty();
    }

    @Test
    void should_time_out_and_replace_the_zygote_when_a_test_loops_forever() {
        ValidationReport report = validator.validate(target("while True:\n    pass"));

        assertThat(HostileChecks.onlyError(report).rule()).isEqualTo("pytest.timeout");
    }

    @Test
    void should_kill_every_process_a_capsule_left_behind_when_its_tests_end() throws InterruptedException {
        ValidationReport report = validator.validate(target("""
                import subprocess
                for _ in range(50):
                    subprocess.Popen(["sleep", "%s"])
                assert three() == 3""".formatted(STRAY_MARKER)));

        assertThat(report.passed()).isTrue();
        assertThat(SurvivingProcesses.withArgument(STRAY_MARKER)).isZero();
    }

    @Test
    void should_fail_with_a_memory_error_when_a_test_allocates_8_gb() {
        ValidationReport report = validator.validate(target("data = bytearray(8 * 1024 ** 3)\nassert data"));

        assertThat(HostileChecks.onlyError(report).message()).contains("MemoryError");
    }

    @Test
    void should_fail_at_the_file_size_limit_when_a_test_writes_2_gb() {
        ValidationReport report = validator.validate(target("""
                with open("big.bin", "wb") as out:
                    for _ in range(2048):
                        out.write(b"x" * 1024 * 1024)"""));

        assertThat(HostileChecks.onlyError(report).message()).containsAnyOf("File too large", "file size limit");
    }

    @Test
    void should_not_reach_a_port_the_host_listens_on_at_loopback() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            ValidationReport report = validator.validate(target("""
                    import socket
                    socket.create_connection(("127.0.0.1", %d), timeout=2)""".formatted(server.getLocalPort())));

            assertThat(HostileChecks.onlyError(report).message()).containsAnyOf("unreachable", "refused", "Network");
            server.setSoTimeout(200);
            assertThat(HostileChecks.acceptedSomething(server)).as("the host's server accepted a connection").isFalse();
        }
    }

    @Test
    void should_not_see_a_variable_of_the_host_environment() {
        Map.Entry<String, String> secret = System.getenv().entrySet().stream()
                .filter(e -> !Set.of("PATH", "HOME", "LANG", "TMPDIR").contains(e.getKey()))
                .filter(e -> e.getValue().matches("[A-Za-z0-9_./:=-]+"))
                .findFirst().orElse(null);
        assumeTrue(secret != null, "the host has no simple environment variable to look for");

        ValidationReport report = validator.validate(target("import os\nassert os.environ.get(\""
                + secret.getKey() + "\") == \"" + secret.getValue() + "\""));

        assertThat(HostileChecks.onlyError(report).message()).contains("None");
    }

    @Test
    void should_fail_when_a_test_ends_the_child_with_os_exit() {
        ValidationReport report = validator.validate(target("import os\nos._exit(0)"));

        assertThat(HostileChecks.onlyError(report).rule()).isEqualTo("pytest.no-report");
    }

    @Test
    void should_validate_with_one_shot_processes_when_the_warm_pool_is_off() {
        PythonValidator oneShot = PythonValidator.builder().warmPool(false).testTimeout(TIMEOUT).build();

        assertThat(oneShot.validate(target("assert three() == 3")).passed()).isTrue();
        assertThat(oneShot.validate(target("assert three() == 4")).errors()).singleElement()
                .satisfies(finding -> assertThat(finding.rule()).isEqualTo("pytest.failed"));
    }

    @Test
    void should_fall_back_to_one_shot_processes_when_no_zygote_can_start() {
        // Without its own PID namespace the zygote refuses to start; the validator then runs the one-shot way.
        try (PythonValidator noNamespace = PythonValidator.builder().poolSize(1).testTimeout(TIMEOUT)
                .sandbox(LocalProcessSandbox.builder().limitAddressSpace(true).isolateProcesses(false).build())
                .build()) {
            assertThat(noNamespace.validate(target("assert three() == 3")).passed()).isTrue();
            assertThat(noNamespace.validate(target("assert three() == 4")).passed()).isFalse();
        }
    }

    /** A capsule whose single test runs {@code body}, a block of Python statements. */
    private static ValidationTarget target(String body) {
        String test = "from ok import three\n\n\ndef test_attacks():\n"
                + body.lines().map(line -> "    " + line).collect(Collectors.joining("\n")) + "\n";
        return new ValidationTarget(List.of(CapsuleFile.of("ok.py", "def three():\n    return 3\n"),
                CapsuleFile.of("test_ok.py", test)), Language.PYTHON);
    }
}
