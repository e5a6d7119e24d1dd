package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.validation.internal.UserSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When QLP runs as root, JavaScript capsule code (the syntax checks and {@code node --test}) runs as an unprivileged
 * user of its own: root's files stay out of reach by absolute path, the host's folders stay unwritten, and the
 * process-count limit stops a fork bomb.
 */
class JavaScriptUnprivilegedUserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A marker argument of the fork bomb's processes, to look for survivors on the host. */
    private static final String BOMB_MARKER = "4714";

    private static RootOnlyFiles files;
    private static JavaScriptValidator validator;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(UserSwitch.isRoot(), "QLP does not run as root here, so capsule code runs as an ordinary user");
        assumeTrue(UserSwitch.detect().available(), "cannot switch users here: "
                + UserSwitch.detect().unavailableReason());
        files = RootOnlyFiles.create();
        validator = JavaScriptValidator.builder().testTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (files != null) {
            files.close();
        }
    }

    @Test
    void should_run_capsule_code_as_an_unprivileged_user_when_qlp_runs_as_root() {
        ValidationReport report = validator.validate(target("""
                assert.ok(process.getuid() >= 100000, String(process.getuid()));
                assert.ok(process.getgid() >= 100000, String(process.getgid()));"""));

        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void should_not_read_a_root_only_file_when_a_test_opens_it_by_absolute_path() {
        ValidationReport report = validator.validate(target("""
                const data = fs.readFileSync(%s, 'utf8');
                assert.fail('read: ' + data);""".formatted(HostileChecks.singleQuoted(files.secretFile().toString()))));

        assertThat(report.passed()).isFalse();
        assertThat(HostileChecks.onlyError(report).message()).contains("EACCES");
        assertThat(report.toString()).doesNotContain(files.secret());
    }

    @Test
    void should_not_write_outside_its_folder_when_a_test_writes_to_a_folder_of_the_host() {
        Path planted = files.readOnlyFolder().resolve("planted.txt");

        ValidationReport report = validator.validate(target("""
                fs.writeFileSync(%s, 'planted');""".formatted(HostileChecks.singleQuoted(planted.toString()))));

        assertThat(report.passed()).isFalse();
        assertThat(HostileChecks.onlyError(report).message()).contains("EACCES");
        assertThat(Files.exists(planted)).isFalse();
    }

    @Test
    void should_stop_a_fork_bomb_at_the_process_limit_and_validate_the_next_capsule_when_a_test_forks_without_end()
            throws InterruptedException {
        ValidationReport bomb = validator.validate(target("""
                for (let i = 0; i < 100000; i++) {
                  await new Promise((resolve, reject) => {
                    const child = spawn('sleep', ['%s'], { stdio: 'ignore' });
                    child.unref(); // the test file may end while they sleep; the sandbox kills them
                    child.on('spawn', resolve);
                    child.on('error', reject);
                  });
                }""".formatted(BOMB_MARKER)));
        ValidationReport next = validator.validate(target("assert.strictEqual(three(), 3);"));

        assertThat(bomb.passed()).isFalse();
        assertThat(HostileChecks.onlyError(bomb).message()).as("the process-count limit, not the timeout, stops it")
                .contains("EAGAIN");
        assertThat(SurvivingProcesses.withArgument(BOMB_MARKER)).isZero();
        assertThat(next.errors()).isEmpty();
        assertThat(next.passed()).isTrue();
    }

    /** A capsule with a module and one async test whose body is {@code body}. */
    private static ValidationTarget target(String body) {
        String test = """
                const test = require('node:test');
                const assert = require('node:assert');
                const fs = require('node:fs');
                const { spawn } = require('node:child_process');
                const { three } = require('./calc');

                test('attack', async () => {
                %s
                });
                """.formatted(body.lines().map(line -> "  " + line).collect(Collectors.joining("\n")));
        return new ValidationTarget(List.of(CapsuleFile.of("calc.js", "exports.three = () => 3;\n"),
                CapsuleFile.of("calc.test.js", test)), Language.JAVASCRIPT);
    }
}
