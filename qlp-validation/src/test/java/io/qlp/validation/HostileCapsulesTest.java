package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.validation.internal.NetworkIsolation;
import io.qlp.validation.internal.UserSwitch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capsules that attack the sandbox. Each must fail with a clear reason, and the capsule validated right after it, by
 * the same single warm test JVM pool, must pass: the host and the next capsule are unharmed.
 */
class HostileCapsulesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static final String MAIN = "src/main/java/h/Ok.java";
    private static final String TEST = "src/test/java/h/HostileTest.java";
    /** A marker argument of the processes the fork bomb starts, to look for survivors on the host. */
    private static final String BOMB_MARKER = "3217";

    private static JavaValidator validator;

    @TempDir
    Path hostFolder;

    @BeforeAll
    static void startPool() {
        validator = JavaValidator.builder().poolSize(1).testTimeout(TIMEOUT).staticAnalysis(false).build();
    }

    @AfterAll
    static void stopPool() {
        validator.close();
    }

    @AfterEach
    void nextCapsuleIsUnharmed() {
        ValidationReport next = validator.validate(target("assertEquals(3, Ok.three());", ""));

        assertThat(next.errors()).as("the capsule after a hostile one").isEmpty();
        assertThat(next.passed()).isTrue();
    }

    @Test
    void should_time_out_when_a_test_loops_forever() {
        ValidationReport report = validator.validate(target("while (Ok.three() == 3) { }", ""));

        assertThat(HostileChecks.onlyError(report).rule()).isEqualTo("junit.timeout");
    }

    @Test
    void should_time_out_when_a_static_initializer_never_returns() {
        ValidationReport report = validator.validate(target("assertEquals(0, Stuck.VALUE);",
                "class Stuck { static final int VALUE; static { int v = 0; while (v >= 0) { v = v * 1; } VALUE = v; } }"));

        assertThat(HostileChecks.onlyError(report).rule()).isEqualTo("junit.timeout");
    }

    @Test
    void should_fail_and_leave_no_process_behind_when_a_test_forks_without_end() throws Exception {
        ValidationReport report = validator.validate(target("""
                for (int i = 0; i < 100_000; i++) {
                    new ProcessBuilder("sleep", "%s").start();
                }""".formatted(BOMB_MARKER), ""));

        assertThat(report.passed()).isFalse();
        // Which call meets the process limit first (a fork, or the JVM's next thread) decides the wording.
        assertThat(HostileChecks.onlyError(report).message()).containsAnyOf("Resource temporarily unavailable",
                "Cannot run program", "unable to create native thread", "did not finish within", "exited with code");
        assertThat(SurvivingProcesses.withArgument(BOMB_MARKER)).isZero();
    }

    @Test
    void should_fail_with_out_of_memory_when_a_test_allocates_8_gb() {
        ValidationReport report = validator.validate(target("""
                byte[][] chunks = new byte[64][];
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = new byte[128 * 1024 * 1024];
                }
                assertEquals(64, chunks.length);""", ""));

        assertThat(HostileChecks.onlyError(report).message()).contains("OutOfMemoryError");
    }

    @Test
    void should_fail_at_the_file_size_limit_when_a_test_writes_2_gb() {
        ValidationReport report = validator.validate(target("""
                byte[] megabyte = new byte[1024 * 1024];
                try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(java.nio.file.Path.of("big.bin"))) {
                    for (int i = 0; i < 2048; i++) {
                        out.write(megabyte);
                    }
                }""", ""));

        assertThat(HostileChecks.onlyError(report).message()).contains("File too large");
    }

    @Test
    void should_not_reach_a_port_the_host_listens_on_at_loopback() throws IOException {
        assumeTrue(NetworkIsolation.detect().available(), "unshare -n does not work on this machine");
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            ValidationReport report = validator.validate(target("""
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress("127.0.0.1", %d), 2000);
                    }""".formatted(server.getLocalPort()), ""));

            assertThat(HostileChecks.onlyError(report).message()).containsAnyOf("unreachable", "refused");
            server.setSoTimeout(200);
            assertThat(HostileChecks.acceptedSomething(server)).as("the host's server accepted a connection").isFalse();
        }
    }

    @Test
    void should_not_read_a_file_only_the_host_user_may_read() throws IOException {
        assumeTrue(UserSwitch.detect().available(), "tests do not run as another user here: "
                + UserSwitch.detect().unavailableReason());
        Path secrets = Files.createDirectory(hostFolder.resolve("ssh"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path key = Files.writeString(secrets.resolve("id_ed25519"), "fake-private-key");
        hostFolder.toFile().setExecutable(true, false);

        ValidationReport report = validator.validate(target(
                "assertEquals(\"fake-private-key\", java.nio.file.Files.readString(java.nio.file.Path.of(\"" + key
                        + "\")));", ""));

        assertThat(HostileChecks.onlyError(report).message()).contains("AccessDeniedException");
        assertThat(Files.readString(key)).isEqualTo("fake-private-key");
    }

    @Test
    void should_not_see_a_variable_of_the_host_environment() {
        Map.Entry<String, String> secret = System.getenv().entrySet().stream()
                .filter(e -> !Set.of("PATH", "HOME", "LANG", "TMPDIR").contains(e.getKey()))
                .filter(e -> e.getValue().matches("[A-Za-z0-9_./:=-]+"))
                .findFirst().orElse(null);
        assumeTrue(secret != null, "the host has no simple environment variable to look for");

        ValidationReport report = validator.validate(target("assertEquals(\"" + secret.getValue()
                + "\", System.getenv(\"" + secret.getKey() + "\"));", ""));

        assertThat(HostileChecks.onlyError(report).message()).contains("but was: <null>");
    }

    @Test
    void should_see_only_the_sandbox_variables_when_a_test_lists_the_environment() {
        ValidationReport report = validator.validate(target("""
                assertEquals(java.util.Set.of("HOME", "LANG", "PATH", "TMPDIR"), System.getenv().keySet());""", ""));

        assertThat(report.errors()).isEmpty();
    }

    @Test
    void should_fail_when_a_test_calls_system_exit_with_success() {
        ValidationReport report = validator.validate(target("System.exit(0);", ""));

        Finding finding = HostileChecks.onlyError(report);
        assertThat(finding.rule()).isEqualTo("junit.no-verdict");
        assertThat(finding.message()).contains("exited with code 0");
    }

    @Test
    void should_pass_and_replace_the_worker_when_a_test_leaves_a_thread_running() {
        ValidationReport report = validator.validate(target("""
                Thread sleeper = new Thread(() -> {
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                sleeper.start();
                assertEquals(3, Ok.three());""", ""));

        assertThat(report.passed()).isTrue();
    }

    /** A capsule whose single test runs {@code body}, with {@code extraTypes} beside the test class. */
    private static ValidationTarget target(String body, String extraTypes) {
        String test = """
                package h;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class HostileTest {
                    @Test
                    void attacks() throws Exception {
                %s
                    }
                }
                %s
                """.formatted(body.lines().map(line -> "        " + line).collect(Collectors.joining("\n")), extraTypes);
        return new ValidationTarget(List.of(
                CapsuleFile.of(MAIN, "package h;\n\npublic final class Ok {\n    public static int three() {\n"
                        + "        return 3;\n    }\n}\n"),
                CapsuleFile.of(TEST, test)), Language.JAVA);
    }
}
