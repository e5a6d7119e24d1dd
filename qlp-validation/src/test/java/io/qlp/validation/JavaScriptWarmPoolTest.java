package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
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
 * The warm path of {@link JavaScriptValidator}: Node processes started ahead, one per capsule, from a pool of one.
 * Hostile capsules must fail with a clear reason, and the capsule validated right after each must pass.
 */
class JavaScriptWarmPoolTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static JavaScriptValidator validator;

    @BeforeAll
    static void startPool() {
        validator = JavaScriptValidator.builder().warmPool(true).poolSize(1).testTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void stopPool() {
        validator.close();
    }

    @AfterEach
    void nextCapsuleIsUnharmed() {
        ValidationReport next = validator.validate(target("assert.strictEqual(three(), 3);"));

        assertThat(next.errors()).as("the capsule after the one under test").isEmpty();
        assertThat(next.passed()).isTrue();
    }

    @Test
    void should_not_see_the_globals_of_the_previous_capsule_when_capsules_follow_each_other() {
        ValidationReport first = validator.validate(target("globalThis.leaked = 1; process.env.LEAKED = '1';"
                + " require.cache['/planted'] = { exports: 1 };"));
        ValidationReport second = validator.validate(target("assert.strictEqual(globalThis.leaked, undefined);"
                + " assert.strictEqual(process.env.LEAKED, undefined);"
                + " assert.strictEqual(require.cache['/planted'], undefined);"));

        assertThat(first.passed()).isTrue();
        assertThat(second.errors()).isEmpty();
    }

    @Test
    void should_start_a_warm_node_process_for_the_next_capsule_when_a_capsule_was_validated()
            throws InterruptedException {
        validator.validate(target("assert.strictEqual(three(), 3);"));

        // The pool replaces the process the capsule used in the background: wait for the replacement to appear.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (warmNodeProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(warmNodeProcesses()).as("warm Node processes of the pool").isNotEmpty();
    }

    private static List<ProcessHandle> warmNodeProcesses() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.endsWith("warm-node.cjs")))
                .toList();
    }

    @Test
    void should_time_out_when_a_test_loops_forever() {
        ValidationReport report = validator.validate(target("while (three() === 3) { }"));

        assertThat(HostileChecks.onlyError(report).rule()).isEqualTo("node.timeout");
    }

    @Test
    void should_fail_with_a_located_finding_when_a_test_calls_process_exit() {
        ValidationReport report = validator.validate(target("process.exit(0);"));

        Finding finding = HostileChecks.onlyError(report);
        assertThat(finding.file()).isEqualTo("ok.test.js");
        assertThat(finding.line()).isEqualTo(6);
        assertThat(finding.message()).contains("process.exit() was called while tests were running");
    }

    @Test
    void should_not_reach_a_port_the_host_listens_on_at_loopback() throws IOException {
        assumeTrue(NetworkIsolation.detect().available(), "unshare -n does not work on this machine");
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            ValidationReport report = validator.validate(target("""
                    await new Promise((resolve, reject) => {
                      const socket = require('node:net').connect(%d, '127.0.0.1', resolve);
                      socket.on('error', reject);
                    });""".formatted(server.getLocalPort())));

            assertThat(HostileChecks.onlyError(report).message()).containsAnyOf("ENETUNREACH", "ECONNREFUSED");
            server.setSoTimeout(200);
            assertThat(HostileChecks.acceptedSomething(server)).as("the host's server accepted a connection").isFalse();
        }
    }

    @Test
    void should_not_see_a_variable_of_the_host_environment() {
        Map.Entry<String, String> secret = System.getenv().entrySet().stream()
                .filter(e -> !Set.of("PATH", "HOME", "LANG", "TMPDIR", "NO_COLOR").contains(e.getKey()))
                .filter(e -> e.getValue().matches("[A-Za-z0-9_./:=-]+"))
                .findFirst().orElse(null);
        assumeTrue(secret != null, "the host has no simple environment variable to look for");

        ValidationReport report = validator.validate(target("assert.strictEqual(process.env['" + secret.getKey()
                + "'], '" + secret.getValue() + "');"));

        assertThat(HostileChecks.onlyError(report).message()).contains("undefined");
    }

    @Test
    void should_run_node_test_on_capsules_with_several_test_files() {
        ValidationReport report = validator.validate(new ValidationTarget(List.of(OK,
                CapsuleFile.of("a.test.js", test("assert.strictEqual(three(), 3);")),
                CapsuleFile.of("b.test.js", test("assert.strictEqual(three(), 4);"))), Language.JAVASCRIPT));

        assertThat(HostileChecks.onlyError(report).file()).isEqualTo("b.test.js");
    }

    @Test
    void should_validate_with_one_shot_processes_when_the_warm_pool_is_off() {
        JavaScriptValidator oneShot = JavaScriptValidator.builder().warmPool(false).testTimeout(TIMEOUT).build();

        assertThat(oneShot.validate(target("assert.strictEqual(three(), 3);")).passed()).isTrue();
        assertThat(HostileChecks.onlyError(oneShot.validate(target("assert.strictEqual(three(), 4);"))).rule())
                .isEqualTo("node.failed");
    }

    private static final CapsuleFile OK = CapsuleFile.of("ok.js",
            "function three() {\n  return 3;\n}\nmodule.exports = { three };\n");

    private static String test(String body) {
        return "const { test } = require('node:test');\nconst assert = require('node:assert');\n"
                + "const { three } = require('./ok.js');\n\ntest('attacks', async () => {\n"
                + body.lines().map(line -> "  " + line).collect(Collectors.joining("\n")) + "\n});\n";
    }

    /** A capsule whose single test (in ok.test.js, its body from line 6) runs {@code body}. */
    private static ValidationTarget target(String body) {
        return new ValidationTarget(List.of(OK, CapsuleFile.of("ok.test.js", test(body))), Language.JAVASCRIPT);
    }
}
