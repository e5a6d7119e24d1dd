package io.qlp.validation.internal.js;

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
import io.qlp.validation.internal.script.Resources;
import io.qlp.validation.internal.script.ScratchFolder;
import io.qlp.validation.internal.script.XUnitReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code node --test} with its JUnit reporter in a sandbox and judges the run from the report only: the run
 * passes when the report exists, at least one test ran, none failed, and the runner agreed by exiting with 0. Each
 * test process is preloaded with a guard that turns {@code process.exit()} into a thrown error, because Node's runner
 * counts a test file whose process exited with 0 as passed, dropping the results it had not reported yet.
 *
 * <p>A capsule with a single test file runs through {@code node --test} too, although running the file directly
 * (with the reporters on its own command line) would save a Node start: on Node 20 that is not equivalent. The
 * runner gives the file's process a standard input that never ends (a test reading it waits until the timeout,
 * where a direct run reads end-of-file and may pass), {@code NODE_TEST_CONTEXT=child-v8} (which the test and what it
 * starts can see) and its own flags minus the reporter ones (a direct run leaves {@code --test-reporter} in
 * {@code process.execArgv}, so a forked child inherits them); and it reports a file that fails to load, ends with
 * a non-zero exit code after its tests passed, is killed by a signal or defines no test as a test of its own, which
 * a direct run's report lacks.
 *
 * <p>Example: {@code List<Finding> findings = stage.run(scratch, List.of("sum.test.js"));}
 *
 * @param sandbox where node runs
 * @param node the Node.js runtime
 * @param timeout wall-clock limit of the whole run
 * @param limits resource limits; {@link ResourceLimits#memoryBytes()} bounds each process's V8 heap
 */
public record NodeTestStage(Sandbox sandbox, NodeRuntime node, Duration timeout, ResourceLimits limits) {

    /** The stage name of the findings. */
    public static final String STAGE = "test";

    private static final String GUARD = Resources.text(NodeTestStage.class, "exit-guard.cjs");
    private static final int OUTPUT_IN_FINDING = 1500;
    private static final int MESSAGE_IN_FINDING = 1000;
    private static final long MIB = 1024L * 1024;
    private static final Pattern UNCAUGHT = Pattern.compile("(?m)^(?:# )?([A-Za-z]*Error(?: \\[\\w+\\])?: .*)$");

    /**
     * Runs {@code testFiles} (capsule-relative) of the capsule in {@code scratch}.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the run cannot be set up
     *     or its report cannot be read
     */
    public List<Finding> run(ScratchFolder scratch, List<String> testFiles) {
        if (testFiles.isEmpty()) {
            return List.of(Finding.error(STAGE, null, 0, 0, "node.no-tests", "no tests found: the capsule has no"
                    + " test file (name test files *.test.js, *.test.mjs or *.test.cjs and use node:test)"));
        }
        Path report = scratch.runFile("node-junit.xml");
        Path guard = scratch.runFile("exit-guard.cjs");
        try {
            Files.writeString(guard, GUARD, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw infrastructure("could not prepare the test run: " + e.getMessage(), e);
        }
        SandboxResult result = sandbox.run(new SandboxRequest(command(guard, report, testFiles), scratch.capsule(),
                timeout, limits, Map.of("NO_COLOR", "1")));
        if (result.timedOut()) {
            return List.of(timedOut(timeout));
        }
        Optional<XUnitReport> parsed;
        try {
            parsed = XUnitReport.read(report);
        } catch (IOException e) {
            throw infrastructure("could not read the test runner's report: " + e.getMessage(), e);
        }
        if (parsed.isEmpty()) {
            return List.of(Finding.error(STAGE, null, 0, 0, "node.no-report", "the test runner wrote no report:"
                    + " node exited with code " + result.exitCode() + Excerpts.exitMeaning(result.exitCode())
                    + " before the run finished" + output(result)));
        }
        return judge(parsed.get(), result.exitCode(), result.stdout(), result.stderr(), new NodeStackFrames(scratch),
                fileLevelNames(scratch, testFiles));
    }

    /** The finding of a run that hit {@code timeout}. */
    public static Finding timedOut(Duration timeout) {
        return Finding.error(STAGE, null, 0, 0, "node.timeout", "the tests did not finish within "
                + Durations.seconds(timeout) + "; node was killed (look for an endless loop, a deadlock or a"
                + " wait on input)");
    }

    /**
     * The findings of a test file run in-process by a {@link NodeWarmProcess} that ended by itself: judged by the
     * JUnit report as the {@code node --test} run is. A file that threw before it defined a test leaves no report
     * (or an empty one) and its error on stderr, which becomes a {@code node.file-failed} finding, as
     * {@code node --test} reports such a file.
     *
     * @param tap the TAP report, which carries what the tests printed
     */
    public static List<Finding> judgeInProcess(ScratchFolder scratch, String testFile, int exitCode, String tap,
                                               String stderr) {
        Path report = scratch.runFile(NodeWarmProcess.REPORT);
        Optional<XUnitReport> parsed;
        try {
            parsed = Files.isRegularFile(report) && Files.size(report) > 0 ? XUnitReport.read(report)
                    : Optional.empty();
        } catch (IOException e) {
            // The process was ended while the reporter wrote.
            parsed = Optional.empty();
        }
        NodeStackFrames frames = new NodeStackFrames(scratch);
        Matcher uncaught = UNCAUGHT.matcher(stderr);
        if (exitCode != 0 && uncaught.find() && parsed.map(XUnitReport::cases).map(List::isEmpty).orElse(true)) {
            Optional<NodeStackFrames.Frame> frame = frames.innermost(stderr);
            return List.of(Finding.error(STAGE, frame.map(NodeStackFrames.Frame::file).orElse(testFile),
                    frame.map(NodeStackFrames.Frame::line).orElse(0), frame.map(NodeStackFrames.Frame::column).orElse(0),
                    "node.file-failed", "test file " + testFile + " failed: "
                            + Excerpts.head(uncaught.group(1).strip(), MESSAGE_IN_FINDING)));
        }
        if (parsed.isEmpty()) {
            return List.of(Finding.error(STAGE, null, 0, 0, "node.no-report", "the test runner wrote no report:"
                    + " node exited with code " + exitCode + Excerpts.exitMeaning(exitCode)
                    + " before the run finished" + output(tap, stderr)));
        }
        return judge(parsed.get(), exitCode, tap, stderr, frames, Set.of());
    }

    private List<String> command(Path guard, Path report, List<String> testFiles) {
        long heapMib = Math.max(32, limits.memoryBytes() / MIB);
        List<String> command = new ArrayList<>(List.of(node.executable().toString(),
                "--require", guard.toString(),
                "--max-old-space-size=" + heapMib,
                "--test",
                "--test-reporter=junit", "--test-reporter-destination=" + report,
                // TAP on stdout carries what test processes print, such as an error that stops a file loading.
                "--test-reporter=tap", "--test-reporter-destination=stdout"));
        command.addAll(testFiles);
        return command;
    }

    /** The names Node gives the test standing for a whole file: its path, as given and absolute. */
    private static Set<String> fileLevelNames(ScratchFolder scratch, List<String> testFiles) {
        Set<String> names = new HashSet<>(testFiles);
        testFiles.forEach(file -> names.add(scratch.capsule().resolve(file).toString()));
        return names;
    }

    private static List<Finding> judge(XUnitReport report, int exitCode, String stdout, String stderr,
                                       NodeStackFrames frames, Set<String> fileLevelNames) {
        List<Finding> findings = new ArrayList<>();
        int ran = 0;
        for (XUnitReport.TestCase testCase : report.cases()) {
            boolean fileLevel = fileLevelNames.contains(testCase.name());
            switch (testCase.outcome()) {
                case FAILED, ERROR -> findings.add(toFinding(testCase, fileLevel, frames, stdout));
                // A passed file-level entry means the file reported no test of its own: a helper, not a test.
                case PASSED -> ran += fileLevel ? 0 : 1;
                case SKIPPED -> { }
            }
        }
        if (!findings.isEmpty()) {
            return findings;
        }
        if (ran == 0) {
            return List.of(Finding.error(STAGE, null, 0, 0, "node.no-tests", "no tests found: the test files ran but"
                    + " defined no test (use test() or it() from node:test)"));
        }
        if (exitCode != 0) {
            return List.of(Finding.error(STAGE, null, 0, 0, "node.exit-code", "the report lists " + ran
                    + " passed tests but node exited with code " + exitCode
                    + Excerpts.exitMeaning(exitCode) + output(stdout, stderr)));
        }
        return List.of();
    }

    private static Finding toFinding(XUnitReport.TestCase testCase, boolean fileLevel, NodeStackFrames frames,
                                     String runnerOutput) {
        String message = testCase.message().isBlank() ? Excerpts.head(testCase.details(), MESSAGE_IN_FINDING)
                : Excerpts.head(testCase.message(), MESSAGE_IN_FINDING);
        Optional<NodeStackFrames.Frame> frame = frames.innermost(testCase.details());
        if (fileLevel) {
            // The report only says the file's process failed; what it printed (uncaught error, stack) is in the
            // TAP output on the runner's stdout.
            if (frame.isEmpty()) {
                frame = frames.innermost(runnerOutput);
            }
            Matcher uncaught = UNCAUGHT.matcher(runnerOutput);
            if (uncaught.find()) {
                message = Excerpts.head(uncaught.group(1).strip(), MESSAGE_IN_FINDING);
            }
            String file = frame.map(NodeStackFrames.Frame::file).orElse(null);
            return Finding.error(STAGE, file, frame.map(NodeStackFrames.Frame::line).orElse(0),
                    frame.map(NodeStackFrames.Frame::column).orElse(0), "node.file-failed",
                    "test file " + testCase.name() + " failed: " + message);
        }
        String text = "test '" + testCase.name() + "' failed: " + message;
        return frame.map(f -> Finding.error(STAGE, f.file(), f.line(), f.column(), "node.failed", text))
                .orElseGet(() -> Finding.error(STAGE, null, 0, 0, "node.failed", text));
    }

    private static String output(SandboxResult result) {
        return output(result.stdout(), result.stderr());
    }

    private static String output(String stdout, String stderr) {
        return (stderr.isBlank() ? "" : "; stderr: " + Excerpts.tail(stderr, OUTPUT_IN_FINDING))
                + (stdout.isBlank() ? "" : "; stdout: " + Excerpts.tail(stdout, OUTPUT_IN_FINDING));
    }

    private static RetriableQlpException infrastructure(String message, Throwable cause) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, message,
                ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), cause);
    }
}
