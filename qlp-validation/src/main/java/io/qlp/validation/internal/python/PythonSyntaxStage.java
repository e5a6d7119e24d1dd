package io.qlp.validation.internal.python;

import io.qlp.api.Finding;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.SandboxRequest;
import io.qlp.api.spi.SandboxResult;
import io.qlp.validation.internal.script.Durations;
import io.qlp.validation.internal.script.Excerpts;
import io.qlp.validation.internal.script.Resources;
import io.qlp.validation.internal.script.ScratchFolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the syntax of every Python file with the interpreter's own parser ({@code compile} to an AST, which never
 * runs the code), in one sandboxed process for all files.
 *
 * <p>Example: {@code List<Finding> findings = stage.check(scratch, List.of("calc.py", "test_calc.py"));}
 *
 * @param sandbox where the parser runs
 * @param python the interpreter
 * @param timeout wall-clock limit
 * @param limits resource limits
 */
public record PythonSyntaxStage(Sandbox sandbox, PythonInterpreter python, Duration timeout, ResourceLimits limits) {

    /** The stage name of the findings. */
    public static final String STAGE = "syntax";

    private static final String SCRIPT = Resources.text(PythonSyntaxStage.class, "check_syntax.py");

    /** Parses {@code files} (capsule-relative paths of {@code .py} files) in the scratch folder's capsule. */
    public List<Finding> check(ScratchFolder scratch, List<String> files) {
        if (files.isEmpty()) {
            return List.of(Finding.error(STAGE, null, 0, 0, "python.no-sources",
                    "no Python source files: expected .py modules and test_*.py files"));
        }
        List<String> command = new ArrayList<>(List.of(python.executable().toString(), "-I", "-S", "-c", SCRIPT));
        command.addAll(files);
        SandboxResult result = sandbox.run(new SandboxRequest(command, scratch.capsule(), timeout, limits, Map.of()));
        if (result.timedOut()) {
            return List.of(timedOut(timeout));
        }
        if (result.exitCode() != 0) {
            return List.of(crashed(result.exitCode(), result.stderr()));
        }
        return parse(result.stdout());
    }

    /** The finding of a check that did not finish within {@code timeout}. */
    public static Finding timedOut(Duration timeout) {
        return Finding.error(STAGE, null, 0, 0, "python.syntax-timeout",
                "the syntax check did not finish within " + Durations.seconds(timeout));
    }

    /** The finding of a check whose process ended with {@code exitCode} before it got through the files. */
    public static Finding crashed(int exitCode, String stderr) {
        return Finding.error(STAGE, null, 0, 0, "python.syntax-check-failed", "the syntax check exited with code "
                + exitCode + Excerpts.exitMeaning(exitCode) + Excerpts.stderrSuffix(stderr, 1500));
    }

    static List<Finding> parse(String output) {
        List<Finding> findings = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] parts = line.split("\t", 4);
            if (parts.length < 4) {
                continue;
            }
            findings.add(Finding.error(STAGE, parts[0], number(parts[1]), number(parts[2]), "python.syntax",
                    parts[3].strip()));
        }
        return findings;
    }

    private static int number(String text) {
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
