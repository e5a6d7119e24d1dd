package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.validation.internal.NetworkIsolation;
import io.qlp.validation.internal.UserSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When QLP runs as root, Python capsule code runs as an unprivileged user of its own, on the one-shot path and in the
 * warm zygote alike: root's files stay out of reach by absolute path, the host's folders stay unwritten, and the
 * process-count limit stops a fork bomb. Needs an interpreter with pytest that every user can run (Debian's
 * {@code python3-pytest}, which {@code scripts/test.sh} installs).
 */
class PythonUnprivilegedUserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A marker argument of the fork bomb's processes, to look for survivors on the host. */
    private static final String BOMB_MARKER = "4713";

    private static RootOnlyFiles files;
    private static PythonValidator oneShot;
    private static PythonValidator warm;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(UserSwitch.isRoot(), "QLP does not run as root here, so capsule code runs as an ordinary user");
        assumeTrue(UserSwitch.detect().available(), "cannot switch users here: "
                + UserSwitch.detect().unavailableReason());
        files = RootOnlyFiles.create();
        oneShot = PythonValidator.builder().warmPool(false).testTimeout(TIMEOUT).build();
        if (NetworkIsolation.detect().pidNamespace()) {
            warm = PythonValidator.builder().poolSize(1).testTimeout(TIMEOUT).build();
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (warm != null) {
            warm.close();
        }
        if (files != null) {
            files.close();
        }
    }

    @ParameterizedTest(name = "warm zygote: {0}")
    @ValueSource(booleans = {false, true})
    void should_run_capsule_code_as_an_unprivileged_user_when_qlp_runs_as_root(boolean warmPath) {
        ValidationReport report = validator(warmPath).validate(target("""
                import os
                assert os.getuid() >= 100000, os.getuid()
                assert os.getgid() >= 100000, os.getgid()
                assert os.getgroups() in ([], [os.getgid()]), os.getgroups()"""));

        assertThat(report.findings()).as("install Debian's python3-pytest (scripts/test.sh does) so that the"
                + " sandbox user has an interpreter with pytest").isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @ParameterizedTest(name = "warm zygote: {0}")
    @ValueSource(booleans = {false, true})
    void should_not_read_a_root_only_file_when_a_test_opens_it_by_absolute_path(boolean warmPath) {
        ValidationReport report = validator(warmPath).validate(target("""
                with open(%s) as secret:
                    data = secret.read()
                raise AssertionError("read: " + data)""".formatted(HostileChecks.singleQuoted(files.secretFile().toString()))));

        assertThat(report.passed()).isFalse();
        assertThat(HostileChecks.onlyError(report).message()).contains("PermissionError");
        assertThat(report.toString()).doesNotContain(files.secret());
    }

    @ParameterizedTest(name = "warm zygote: {0}")
    @ValueSource(booleans = {false, true})
    void should_not_write_outside_its_folder_when_a_test_writes_to_a_folder_of_the_host(boolean warmPath) {
        Path planted = files.readOnlyFolder().resolve("planted-" + warmPath + ".txt");

        ValidationReport report = validator(warmPath).validate(target("""
                with open(%s, "w") as out:
                    out.write("planted")""".formatted(HostileChecks.singleQuoted(planted.toString()))));

        assertThat(report.passed()).isFalse();
        assertThat(HostileChecks.onlyError(report).message()).contains("PermissionError");
        assertThat(Files.exists(planted)).isFalse();
    }

    @ParameterizedTest(name = "warm zygote: {0}")
    @ValueSource(booleans = {false, true})
    void should_stop_a_fork_bomb_at_the_process_limit_and_validate_the_next_capsule_when_a_test_forks_without_end(
            boolean warmPath) throws InterruptedException {
        PythonValidator validator = validator(warmPath);

        ValidationReport bomb = validator.validate(target("""
                import subprocess
                for _ in range(100000):
                    subprocess.Popen(["sleep", "%s"])""".formatted(BOMB_MARKER)));
        ValidationReport next = validator.validate(target("assert three() == 3"));

        assertThat(bomb.passed()).isFalse();
        assertThat(HostileChecks.onlyError(bomb).message()).as("the process-count limit, not the timeout, stops it")
                .containsAnyOf("BlockingIOError", "Resource temporarily unavailable");
        assertThat(SurvivingProcesses.withArgument(BOMB_MARKER)).isZero();
        assertThat(next.errors()).isEmpty();
        assertThat(next.passed()).isTrue();
    }

    private static PythonValidator validator(boolean warmPath) {
        if (warmPath) {
            assumeTrue(warm != null, "no PID namespace here: the zygote cannot run");
            return warm;
        }
        return oneShot;
    }

    /** A capsule with a module and one test whose body is {@code body}. */
    private static ValidationTarget target(String body) {
        String test = "from calc import three\n\n\ndef test_attack():\n"
                + body.lines().map(line -> "    " + line).collect(Collectors.joining("\n")) + "\n";
        return new ValidationTarget(List.of(CapsuleFile.of("calc.py", "def three():\n    return 3\n"),
                CapsuleFile.of("test_calc.py", test)), Language.PYTHON);
    }
}
