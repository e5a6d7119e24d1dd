package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.ErrorCode;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.spi.AbstractSandboxTest;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.SandboxFactory;
import io.qlp.api.spi.SandboxRequest;
import io.qlp.api.spi.SandboxResult;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.validation.internal.NetworkIsolation;
import io.qlp.validation.internal.UserSwitch;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalProcessSandboxTest extends AbstractSandboxTest {

    private static final String PROBE = """
            public class Probe {
                public static void main(String[] args) {
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress(args[0], Integer.parseInt(args[1])), 2000);
                        System.out.println("connected");
                    } catch (java.io.IOException e) {
                        System.out.println("failed: " + e);
                    }
                }
            }
            """;

    @Override
    protected Sandbox createSandbox() {
        return LocalProcessSandbox.create();
    }

    @Test
    void should_not_reach_a_loopback_port_when_network_is_isolated() throws Exception {
        SandboxResult result = connectToLocalPort(LocalProcessSandbox.create());

        assumeTrue(result.networkIsolated(), "unshare -n does not work on this machine: " + result.notes());
        assertThat(result.stdout()).startsWith("failed:");
    }

    @Test
    void should_reach_a_loopback_port_with_a_note_when_isolation_is_turned_off() throws Exception {
        SandboxResult result = connectToLocalPort(LocalProcessSandbox.builder().isolateNetwork(false).build());

        assertThat(result.networkIsolated()).isFalse();
        assertThat(result.notes()).anyMatch(note -> note.contains("network"));
        assertThat(result.stdout()).startsWith("connected");
    }

    @Test
    void should_kill_child_processes_when_timeout_expires() throws InterruptedException {
        // A PID namespace renumbers the child, so it is found on the host by a marker argument.
        String marker = String.valueOf(60_000 + ProcessHandle.current().pid() % 1000);
        SandboxResult result = sandbox.run(shell("sleep " + marker + " & wait", Duration.ofSeconds(1), Map.of()));

        assertThat(result.timedOut()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sleepers(marker) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(sleepers(marker)).isZero();
    }

    @Test
    void should_run_as_an_unprivileged_user_that_cannot_read_root_files_when_privileges_are_dropped()
            throws Exception {
        assumeTrue(UserSwitch.detect().available(), "cannot switch users here: "
                + UserSwitch.detect().unavailableReason());
        Path secrets = Files.createTempDirectory("qlp-secrets-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path key = Files.writeString(secrets.resolve("key"), "secret");
        Sandbox dropping = LocalProcessSandbox.builder().dropPrivileges(true).build();
        try {
            SandboxResult result = dropping.run(new SandboxRequest(List.of("sh", "-c",
                    "id -u; touch written-by-sandbox && echo wrote; cat " + key + " || echo denied"),
                    workDir, Duration.ofSeconds(30), ResourceLimits.defaults(), Map.of()));

            List<String> lines = result.stdout().lines().toList();
            assertThat(Integer.parseInt(lines.get(0))).isGreaterThanOrEqualTo(100_000);
            assertThat(lines).contains("wrote", "denied").doesNotContain("secret");
            assertThat(result.notes()).noneMatch(note -> note.contains("host's user"));
        } finally {
            Files.delete(key);
            Files.delete(secrets);
        }
    }

    @Test
    void should_see_only_its_own_processes_when_it_has_a_pid_namespace() {
        assumeTrue(NetworkIsolation.detect().pidNamespace(), "no PID namespace on this machine");

        SandboxResult result = sandbox.run(shell("ls /proc | grep -c '^[0-9]'", Duration.ofSeconds(30), Map.of()));

        assertThat(Integer.parseInt(result.stdout().strip())).isLessThan(10);
    }

    private static long sleepers(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(marker))
                .count();
    }

    @Test
    void should_stop_writing_at_the_file_size_limit_when_command_writes_a_large_file() throws Exception {
        ResourceLimits limits = new ResourceLimits(60, 512L * 1024 * 1024, 512, 1024 * 1024, 64 * 1024);

        SandboxResult result = sandbox.run(new SandboxRequest(
                List.of("sh", "-c", "head -c 3000000 /dev/zero > big.bin"), workDir, Duration.ofSeconds(30), limits,
                Map.of()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(Files.size(workDir.resolve("big.bin"))).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void should_kill_a_busy_loop_at_the_cpu_limit_before_the_timeout() {
        ResourceLimits limits = ResourceLimits.defaults().withCpuSeconds(1);

        SandboxResult result = sandbox.run(new SandboxRequest(List.of("sh", "-c", "while :; do :; done"), workDir,
                Duration.ofSeconds(30), limits, Map.of()));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.millis()).isLessThan(20_000);
    }

    @Test
    void should_give_home_and_a_private_tmpdir_inside_the_working_folder_and_remove_the_tmpdir() {
        SandboxResult result = sandbox.run(shell("echo \"$HOME\"; echo \"$TMPDIR\"", Duration.ofSeconds(30), Map.of()));

        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(Path.of(lines.get(0))).isEqualTo(workDir.toAbsolutePath());
        Path tmp = Path.of(lines.get(1));
        assertThat(tmp.getParent()).isEqualTo(workDir.toAbsolutePath());
        assertThat(tmp).doesNotExist();
    }

    @Test
    void should_report_a_failed_start_when_program_does_not_exist() {
        SandboxRequest request = new SandboxRequest(List.of("/nonexistent/program"), workDir, Duration.ofSeconds(5),
                ResourceLimits.defaults(), Map.of());

        SandboxResult result = sandbox.run(request);

        // prlimit or unshare start and then fail to exec the program, reporting it on stderr.
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("/nonexistent/program");
    }

    @Test
    void should_reject_an_option_set_twice_or_a_bad_value() {
        assertThatThrownBy(() -> LocalProcessSandbox.builder().isolateNetwork(true).isolateNetwork(false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("isolateNetwork");
        assertThatThrownBy(() -> LocalProcessSandbox.builder().dropPrivileges(true).dropPrivileges(true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dropPrivileges");
        assertThatThrownBy(() -> LocalProcessSandbox.builder().maxOpenFiles(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
    }

    @Test
    void should_be_found_by_name_when_loaded_through_service_providers() {
        Sandbox loaded = ServiceProviders.load(SandboxFactory.class, "local-process").create(ProviderConfig.empty());

        assertThat(loaded).isInstanceOf(LocalProcessSandbox.class);
        assertThat(loaded.name()).isEqualTo("local-process");
    }

    @Test
    void should_run_as_an_unprivileged_user_when_the_factory_is_told_to_drop_privileges() {
        assumeTrue(UserSwitch.detect().available(), "cannot switch users here: "
                + UserSwitch.detect().unavailableReason());
        Sandbox loaded = new LocalProcessSandboxFactory().create(ProviderConfig.of(Map.of("drop-privileges", "true")));

        SandboxResult result = loaded.run(shell("id -u", Duration.ofSeconds(30), Map.of()));

        assertThat(Integer.parseInt(result.stdout().strip())).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void should_name_the_folder_and_the_fix_when_the_sandbox_user_cannot_reach_the_work_folder() throws Exception {
        assumeTrue(UserSwitch.detect().available(), "cannot switch users here: "
                + UserSwitch.detect().unavailableReason());
        Path closed = Files.createTempDirectory("qlp-closed-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path inside = Files.createDirectory(closed.resolve("work"));
        Sandbox dropping = LocalProcessSandbox.builder().dropPrivileges(true).build();
        try {
            assertThatThrownBy(() -> dropping.run(new SandboxRequest(List.of("true"), inside, Duration.ofSeconds(30),
                    ResourceLimits.defaults(), Map.of())))
                    .isInstanceOfSatisfying(RetriableQlpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_INFRASTRUCTURE);
                        assertThat(e.getMessage()).contains(closed.toString()).contains("chmod o+x")
                                .contains("java.io.tmpdir");
                    });
        } finally {
            Files.delete(inside);
            Files.delete(closed);
        }
    }

    @Test
    void should_reject_a_non_boolean_property_when_factory_reads_config() {
        ProviderConfig config = ProviderConfig.of(Map.of("isolate-network", "maybe"));

        assertThatThrownBy(() -> new LocalProcessSandboxFactory().create(config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
    }

    private SandboxResult connectToLocalPort(Sandbox underTest) throws Exception {
        Files.writeString(workDir.resolve("Probe.java"), PROBE);
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            SandboxResult result = underTest.run(new SandboxRequest(
                    List.of("java", "-Xmx64m", "-XX:TieredStopAtLevel=1", "Probe.java", "127.0.0.1",
                            String.valueOf(server.getLocalPort())),
                    workDir, Duration.ofSeconds(30), ResourceLimits.defaults(), Map.of()));
            assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
            return result;
        }
    }
}
