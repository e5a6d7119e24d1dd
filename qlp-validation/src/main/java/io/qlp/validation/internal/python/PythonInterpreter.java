package io.qlp.validation.internal.python;

import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.script.HostExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Python 3 interpreter the validator runs: an absolute path, so the sandbox's minimal {@code PATH} and cleared
 * environment (which break launchers such as pyenv shims) do not matter, whether pytest is installed for it, and
 * whether the sandbox's unprivileged user can run it with pytest (an interpreter under root's home, such as pyenv's,
 * cannot).
 *
 * <p>Example: {@code PythonInterpreter.detect().filter(PythonInterpreter::usableBySandboxUser)}
 *
 * @param executable the real interpreter binary
 * @param hasPytest whether {@code import pytest} works with it
 * @param usableBySandboxUser whether an unprivileged user of its own can run it, and import pytest with it when it
 *     has pytest; false when this process cannot switch users at all
 */
public record PythonInterpreter(Path executable, boolean hasPytest, boolean usableBySandboxUser) {

    private static final String WHO_AM_I = "import sys; print(sys.executable)";
    private static final String HAS_PYTEST = "import pytest";
    private static final Map<Path, PythonInterpreter> PROBED = new ConcurrentHashMap<>();

    /**
     * The interpreter a validator runs unless configured, probed once per JVM. Among the {@code python3} programs on
     * the host's {@code PATH} and in the system folders, resolved to their real binaries: the first that has pytest
     * and that the sandbox's unprivileged user can run with pytest (when this process can switch users); otherwise
     * the first that has pytest; otherwise the first that runs at all.
     */
    public static Optional<PythonInterpreter> detect() {
        return Detected.INTERPRETER;
    }

    /** The interpreter at {@code executable}, probed for pytest and for the sandbox's user once per JVM. */
    public static PythonInterpreter of(Path executable) {
        return PROBED.computeIfAbsent(executable, PythonInterpreter::probe);
    }

    private static PythonInterpreter probe(Path executable) {
        boolean hasPytest = HostExecutables.probe(List.of(executable.toString(), "-c", HAS_PYTEST)).isPresent();
        // -I as the zygote runs: no user site folder, no PYTHON* variables.
        boolean usable = UserSwitch.detect().available() && HostExecutables.probeAsSandboxUser(
                List.of(executable.toString(), "-I", "-c", hasPytest ? HAS_PYTEST : "pass")).isPresent();
        return new PythonInterpreter(executable, hasPytest, usable);
    }

    private static Optional<PythonInterpreter> probeAll() {
        List<PythonInterpreter> found = new ArrayList<>();
        for (Path candidate : HostExecutables.candidates("python3")) {
            Optional<Path> real = HostExecutables.probe(List.of(candidate.toString(), "-c", WHO_AM_I))
                    .filter(text -> !text.isEmpty()).map(Path::of).filter(Files::isExecutable);
            if (real.isPresent() && found.stream().noneMatch(known -> known.executable().equals(real.get()))) {
                found.add(of(real.get()));
            }
        }
        return found.stream().filter(p -> p.hasPytest() && p.usableBySandboxUser()).findFirst()
                .or(() -> found.stream().filter(PythonInterpreter::hasPytest).findFirst())
                .or(() -> found.stream().findFirst());
    }

    /** Lazy holder: the probe runs on first use, once. */
    private static final class Detected {
        static final Optional<PythonInterpreter> INTERPRETER = probeAll();
    }
}
