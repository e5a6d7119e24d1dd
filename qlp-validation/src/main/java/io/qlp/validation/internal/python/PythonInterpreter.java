package io.qlp.validation.internal.python;

import io.qlp.validation.internal.script.HostExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Python 3 interpreter the validator runs: an absolute path, so the sandbox's minimal {@code PATH} and cleared
 * environment (which break launchers such as pyenv shims) do not matter, and whether pytest is installed for it.
 *
 * <p>Example: {@code PythonInterpreter.detect().executable()}
 *
 * @param executable the real interpreter binary
 * @param hasPytest whether {@code import pytest} works with it
 */
public record PythonInterpreter(Path executable, boolean hasPytest) {

    private static final String WHO_AM_I = "import sys; print(sys.executable)";
    private static final String HAS_PYTEST = "import pytest";

    /**
     * The first {@code python3} on the host's {@code PATH} that has pytest, resolved to its real binary; otherwise
     * the first one that runs at all. Probed once per JVM.
     */
    public static Optional<PythonInterpreter> detect() {
        return Detected.INTERPRETER;
    }

    /** The interpreter at {@code executable}, probed for pytest. */
    public static PythonInterpreter of(Path executable) {
        return new PythonInterpreter(executable,
                HostExecutables.probe(List.of(executable.toString(), "-c", HAS_PYTEST)).isPresent());
    }

    private static Optional<PythonInterpreter> probeAll() {
        Optional<PythonInterpreter> fallback = Optional.empty();
        for (Path candidate : HostExecutables.candidates("python3")) {
            Optional<Path> real = HostExecutables.probe(List.of(candidate.toString(), "-c", WHO_AM_I))
                    .filter(text -> !text.isEmpty()).map(Path::of).filter(Files::isExecutable);
            if (real.isEmpty()) {
                continue;
            }
            PythonInterpreter interpreter = of(real.get());
            if (interpreter.hasPytest()) {
                return Optional.of(interpreter);
            }
            if (fallback.isEmpty()) {
                fallback = Optional.of(interpreter);
            }
        }
        return fallback;
    }

    /** Lazy holder: the probe runs on first use, once. */
    private static final class Detected {
        static final Optional<PythonInterpreter> INTERPRETER = probeAll();
    }
}
