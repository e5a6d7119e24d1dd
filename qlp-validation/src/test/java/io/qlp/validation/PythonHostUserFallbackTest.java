package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Severity;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.validation.internal.Folders;
import io.qlp.validation.internal.NetworkIsolation;
import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.python.PythonInterpreter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An interpreter that the sandbox's unprivileged user cannot run (here a launcher in a folder only root may enter, as
 * pyenv's shims under {@code /root} are): capsule code runs as the host's user instead, and every report says so.
 */
class PythonHostUserFallbackTest {

    private static Path privateFolder;
    private static Path launcher;

    @BeforeAll
    static void createLauncher() throws IOException {
        assumeTrue(UserSwitch.isRoot(), "QLP does not run as root here, so there is no other user to fall back from");
        assumeTrue(UserSwitch.detect().available(), "cannot switch users here: "
                + UserSwitch.detect().unavailableReason());
        PythonInterpreter python = PythonInterpreter.detect().filter(PythonInterpreter::hasPytest)
                .orElseThrow(() -> new IllegalStateException("no python3 with pytest on this machine"));
        privateFolder = Files.createTempDirectory("qlp-private-python-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        launcher = Files.writeString(privateFolder.resolve("python3"),
                "#!/bin/sh\nexec " + python.executable() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void removeLauncher() throws IOException {
        if (privateFolder != null) {
            Folders.deleteRecursively(privateFolder);
        }
    }

    @ParameterizedTest(name = "warm zygote: {0}")
    @ValueSource(booleans = {false, true})
    void should_say_in_the_report_that_code_ran_as_the_host_user_when_the_sandbox_user_cannot_run_the_interpreter(
            boolean warmPath) {
        assumeTrue(!warmPath || NetworkIsolation.detect().pidNamespace(), "no PID namespace here: no zygote");
        PythonValidator.Builder builder = PythonValidator.builder().pythonExecutable(launcher)
                .testTimeout(Duration.ofSeconds(30));
        try (PythonValidator validator = warmPath ? builder.poolSize(1).build() : builder.warmPool(false).build()) {
            ValidationReport report = validator.validate(new ValidationTarget(List.of(
                    CapsuleFile.of("test_user.py", "import os\n\n\ndef test_user():\n    assert os.getuid() == 0\n")),
                    Language.PYTHON));

            assertThat(report.errors()).isEmpty();
            assertThat(report.passed()).isTrue();
            List<Finding> notes = report.findings().stream()
                    .filter(f -> f.rule().equals(InterpreterSandbox.HOST_USER_RULE)).toList();
            assertThat(notes).singleElement().satisfies(note -> {
                assertThat(note.severity()).isEqualTo(Severity.WARNING);
                assertThat(note.message()).contains("ran as the host's user", launcher.toString());
            });
        }
    }
}
