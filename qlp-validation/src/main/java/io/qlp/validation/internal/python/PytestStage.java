package io.qlp.validation.internal.python;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Finding;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.SandboxRequest;
import io.qlp.api.spi.SandboxResult;
import io.qlp.validation.internal.script.Durations;
import io.qlp.validation.internal.script.Excerpts;
import io.qlp.validation.internal.script.ScratchFolder;
import io.qlp.validation.internal.script.XUnitReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs pytest in a sandbox and judges the run from pytest's JUnit XML report only, written outside the capsule
 * folder: the run passes when the report exists, at least one test ran, none failed or errored, and pytest agreed by
 * exiting with 0. A test that ends the interpreter ({@code os._exit(0)}) leaves no report and fails.
 *
 * <p>Example: {@code List<Finding> findings = stage.run(scratch, capsulePaths);}
 *
 * @param sandbox where pytest runs
 * @param python the interpreter, which must have pytest
 * @param timeout wall-clock limit of the whole run
 * @param limits resource limits
 * @param autoloadPlugins whether pytest loads every plugin installed on the host, or only those the project names
 */
public record PytestStage(Sandbox sandbox, PythonInterpreter python, Duration timeout, ResourceLimits limits,
                          boolean autoloadPlugins) {

    /** The stage name of the findings. */
    public static final String STAGE = "test";

    private static final int OUTPUT_IN_FINDING = 1500;
    private static final int MESSAGE_IN_FINDING = 1000;

    /**
     * Runs the tests of the capsule in {@code scratch}; {@code capsulePaths} are its files, used to tell the
     * capsule's frames from the standard library's in tracebacks.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the interpreter has no
     *     pytest or the report cannot be read
     */
    public List<Finding> run(ScratchFolder scratch, Set<String> capsulePaths) {
        if (!python.hasPytest()) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "pytest is not installed for "
                    + python.executable() + "; install it (python3 -m pip install pytest) or configure another"
                    + " interpreter", ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), null);
        }
        Path report = scratch.runFile("pytest-junit.xml");
        SandboxResult result = sandbox.run(new SandboxRequest(command(report), scratch.capsule(), timeout, limits,
                environment()));
        if (result.timedOut()) {
            return List.of(timedOut(timeout));
        }
        return judge(report, result.exitCode(), result.stdout(), result.stderr(), capsulePaths);
    }

    /**
     * The findings of a finished pytest run (not timed out) from its report at {@code report}, its exit code and
     * output; shared by the one-shot run and the warm zygote.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the report exists but cannot
     *     be read
     */
    public static List<Finding> judge(Path report, int exitCode, String stdout, String stderr,
                                      Set<String> capsulePaths) {
        Optional<XUnitReport> parsed;
        try {
            parsed = XUnitReport.read(report);
        } catch (IOException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "could not read pytest's report: "
                    + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), e);
        }
        if (parsed.isEmpty()) {
            return List.of(Finding.error(STAGE, null, 0, 0, "pytest.no-report", "pytest wrote no report: the test"
                    + " process exited with code " + exitCode + Excerpts.exitMeaning(exitCode)
                    + " before the run finished (a test may have called os._exit, or pytest could not start)"
                    + output(stdout, stderr)));
        }
        return judge(parsed.get(), exitCode, stdout, stderr, capsulePaths);
    }

    /** The finding of a run that hit {@code timeout}. */
    public static Finding timedOut(Duration timeout) {
        return Finding.error(STAGE, null, 0, 0, "pytest.timeout", "the tests did not finish within "
                + Durations.seconds(timeout) + "; pytest was killed (look for an endless loop, a deadlock or a"
                + " wait on input)");
    }

    private List<String> command(Path report) {
        return List.of(python.executable().toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "-o", "junit_family=xunit1", "--junitxml=" + report, "--color=no");
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONIOENCODING", "utf-8");
        if (!autoloadPlugins) {
            environment.put("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1");
        }
        return environment;
    }

    private static List<Finding> judge(XUnitReport report, int exitCode, String stdout, String stderr,
                                       Set<String> capsulePaths) {
        List<Finding> findings = new ArrayList<>();
        for (XUnitReport.TestCase problem : report.problems()) {
            findings.add(toFinding(problem, capsulePaths));
        }
        if (!findings.isEmpty()) {
            return findings;
        }
        if (report.ran() == 0) {
            String why = exitCode == 5 || exitCode == 0 ? ""
                    : " (pytest exited with code " + exitCode + ")" + output(stdout, stderr);
            return List.of(Finding.error(STAGE, null, 0, 0, "pytest.no-tests", "no tests found: pytest collected no"
                    + " test; add test_* functions to test_*.py files" + why));
        }
        if (exitCode != 0) {
            return List.of(Finding.error(STAGE, null, 0, 0, "pytest.exit-code", "the report lists " + report.ran()
                    + " passed tests but pytest exited with code " + exitCode
                    + Excerpts.exitMeaning(exitCode) + output(stdout, stderr)));
        }
        return List.of();
    }

    private static Finding toFinding(XUnitReport.TestCase problem, Set<String> capsulePaths) {
        boolean error = problem.outcome() == XUnitReport.Outcome.ERROR;
        String test = problem.className().isEmpty() ? problem.name() : problem.className() + "::" + problem.name();
        String message = Excerpts.head(PythonTraceback.errorLines(problem.details())
                .filter(lines -> error || problem.message().isBlank())
                .orElse(problem.message().isBlank() ? problem.details() : problem.message()), MESSAGE_IN_FINDING);
        String text = test + (error ? " raised an error: " : " failed: ") + message;
        String rule = error ? "pytest.error" : "pytest.failed";
        Optional<PythonTraceback.Frame> frame = PythonTraceback.innermostFrame(problem.details(), capsulePaths);
        if (frame.isPresent()) {
            return Finding.error(STAGE, frame.get().file(), frame.get().line(), 0, rule, text);
        }
        if (capsulePaths.contains(problem.file())) {
            // pytest's line attribute is 0-based and points at the test function.
            return Finding.error(STAGE, problem.file(), problem.line() >= 0 ? problem.line() + 1 : 0, 0, rule, text);
        }
        return Finding.error(STAGE, null, 0, 0, rule, text);
    }

    private static String output(String stdout, String stderr) {
        return (stderr.isBlank() ? "" : "; stderr: " + Excerpts.tail(stderr, OUTPUT_IN_FINDING))
                + (stdout.isBlank() ? "" : "; stdout: " + Excerpts.tail(stdout, OUTPUT_IN_FINDING));
    }
}
