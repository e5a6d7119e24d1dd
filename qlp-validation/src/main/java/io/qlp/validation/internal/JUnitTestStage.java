package io.qlp.validation.internal;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Finding;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.SandboxRequest;
import io.qlp.api.spi.SandboxResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a capsule's compiled tests with the JUnit Platform console launcher in a separate JVM inside a
 * {@link Sandbox}, in a folder holding the project's files (Maven runs tests in the project's folder), and judges the
 * run from the launcher's XML report only: exit codes and console output can be faked by the code under test (a test
 * calling {@code System.exit(0)}), a report of a finished run cannot.
 *
 * <p>Example: {@code List<Finding> findings = stage.run(compiled, sources);}
 *
 * @param sandbox where the test JVM runs
 * @param javaExecutable the {@code java} program of the test JVM
 * @param timeout wall-clock limit of the test run
 * @param limits resource limits; {@link ResourceLimits#memoryBytes()} becomes the test JVM's {@code -Xmx}
 */
public record JUnitTestStage(Sandbox sandbox, Path javaExecutable, Duration timeout, ResourceLimits limits) {

    /** The stage name of the findings. */
    public static final String STAGE = "test";

    private static final int STDERR_IN_FINDING = 2000;
    private static final long MIB = 1024L * 1024;

    /**
     * Runs the tests among {@code compiled} classes that came from {@code sources}' test files.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the run cannot be set up
     */
    public List<Finding> run(CompiledClasses compiled, JavaSources sources) {
        return run(compiled, sources, List.of());
    }

    /**
     * Runs the tests as {@link #run(CompiledClasses, JavaSources)} does, with {@code dependencies} (a Maven capsule's
     * jars, readable by the sandbox user) on the test class path after the capsule's classes.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the run cannot be set up
     */
    public List<Finding> run(CompiledClasses compiled, JavaSources sources, List<Path> dependencies) {
        List<String> testClasses = testClasses(compiled, sources);
        if (testClasses.isEmpty()) {
            return List.of(noTestClass(compiled, sources));
        }
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("qlp-java-validation-");
            return runIn(workDir, compiled, sources, testClasses, dependencies);
        } catch (IOException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE,
                    "could not prepare the test run: " + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE),
                    Map.of(), e);
        } finally {
            deleteQuietly(workDir);
        }
    }

    /**
     * The test classes to run, sorted: the top-level classes compiled from test sources, in a Maven project only
     * those Surefire runs by default ({@link SurefireIncludes}), as {@code mvn test} runs only those.
     */
    static List<String> testClasses(CompiledClasses compiled, JavaSources sources) {
        return compiledTestClasses(compiled, sources).stream()
                .filter(name -> !sources.mavenProject() || SurefireIncludes.includes(name))
                .toList();
    }

    private static List<String> compiledTestClasses(CompiledClasses compiled, JavaSources sources) {
        Set<String> testPaths = sources.testSources().stream().map(f -> f.path()).collect(Collectors.toSet());
        return compiled.sources().entrySet().stream()
                .filter(e -> testPaths.contains(e.getValue()) && e.getKey().indexOf('$') < 0)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The finding of a capsule without a test class to run. */
    static Finding noTestClass(CompiledClasses compiled, JavaSources sources) {
        List<String> leftOut = compiledTestClasses(compiled, sources);
        if (!leftOut.isEmpty()) {
            return Finding.error(STAGE, null, 0, 0, "junit.no-tests", "no tests found: no test class is named as"
                    + " Maven Surefire expects (" + SurefireIncludes.describe() + "), so mvn test runs none of "
                    + leftOut);
        }
        return Finding.error(STAGE, null, 0, 0, "junit.no-tests",
                "no tests found: the capsule has no test class (put JUnit 5 tests under src/test/java)");
    }

    static Finding timedOut(Duration timeout, String killed) {
        return Finding.error(STAGE, null, 0, 0, "junit.timeout", "the tests did not finish within "
                + timeout.toMillis() / 1000.0 + " s (timeout " + timeout + "); " + killed
                + " (look for an endless loop, a deadlock, a static initializer that never returns or a wait on input)");
    }

    private List<Finding> runIn(Path workDir, CompiledClasses compiled, JavaSources sources, List<String> testClasses,
                                List<Path> dependencies) throws IOException {
        // The tests run in the project's folder, as Maven runs them: relative paths reach the project's files. The
        // runner's own files go into a folder of their own beside them, named so no project file can be in the way.
        writeProject(workDir, sources.projectFiles());
        Path run = Files.createTempDirectory(workDir, ".qlp-run-");
        Path jar = run.resolve("capsule.jar");
        CapsuleJar.write(jar, compiled.classes(), sources.resources());
        Path reports = run.resolve("reports");
        Path tmp = Files.createDirectory(run.resolve("tmp"));
        SandboxResult result = sandbox.run(new SandboxRequest(
                command(jar, dependencies, reports, tmp, testClasses), workDir, timeout, limits, Map.of()));
        if (result.timedOut()) {
            return List.of(timedOut(timeout, "the test JVM was killed"));
        }
        Optional<JUnitReport> report = JUnitReport.read(reports);
        if (report.isEmpty()) {
            return List.of(missingReport(result));
        }
        return judge(report.get(), compiled, testClasses);
    }

    private List<String> command(Path jar, List<Path> dependencies, Path reports, Path tmp, List<String> testClasses) {
        String classPath = Stream.concat(Stream.of(jar), dependencies.stream()).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        String onlyTestClasses = testClasses.stream().map(Pattern::quote)
                .collect(Collectors.joining("|", "^(?:", ")(?:[$].*)?$"));
        long heapMib = Math.max(16, limits.memoryBytes() / MIB);
        return List.of(javaExecutable.toString(),
                "-Xmx" + heapMib + "m",
                // A short-lived JVM: C1 only and the serial collector start fastest.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp,
                "-cp", WorkerRuntime.shared().junitJar().toString(),
                "org.junit.platform.console.ConsoleLauncher", "execute",
                "--class-path", classPath,
                // Only the capsule's own jar holds its tests; the dependencies' classes are not scanned.
                "--scan-class-path=" + jar,
                "--include-classname", onlyTestClasses,
                "--include-engine", "junit-jupiter",
                "--reports-dir", reports.toString(),
                "--disable-banner", "--disable-ansi-colors", "--details", "none");
    }

    private static void writeProject(Path folder, List<CapsuleFile> files) throws IOException {
        for (CapsuleFile file : files) {
            Path target = folder.resolve(file.path()).normalize();
            // CapsuleFile paths are already checked; this guards against a future change of that rule.
            if (!target.startsWith(folder) || target.equals(folder)) {
                throw new IOException("path '" + file.path() + "' leaves the project folder");
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content(), StandardCharsets.UTF_8);
        }
    }

    private static Finding missingReport(SandboxResult result) {
        StringBuilder message = new StringBuilder("the JUnit runner's report is missing: the test JVM exited with code ")
                .append(result.exitCode()).append(exitMeaning(result.exitCode()))
                .append(" before the run finished (a test may have called System.exit, or the JVM could not start)");
        String stderr = result.stderr().strip();
        if (!stderr.isEmpty()) {
            message.append("; stderr: ").append(stderr.length() > STDERR_IN_FINDING
                    ? stderr.substring(0, STDERR_IN_FINDING) + "..." : stderr);
        }
        return Finding.error(STAGE, null, 0, 0, "junit.no-report", message.toString());
    }

    static String exitMeaning(int exitCode) {
        return switch (exitCode) {
            case 137 -> " (killed)";
            case 152 -> " (CPU time limit exceeded)";
            case 153 -> " (file size limit exceeded)";
            case 134 -> " (aborted)";
            default -> "";
        };
    }

    static List<Finding> judge(JUnitReport report, CompiledClasses compiled, List<String> testClasses) {
        if (report.ran() <= 0) {
            return List.of(Finding.error(STAGE, null, 0, 0, "junit.no-tests", "no tests found: " + report.tests()
                    + " tests found and " + report.skipped() + " skipped in " + testClasses
                    + "; add JUnit 5 @Test methods"));
        }
        List<Finding> findings = new ArrayList<>();
        for (JUnitReport.FailedTest failed : report.failed()) {
            findings.add(TestFailures.toFinding(failed, compiled));
        }
        if (findings.isEmpty() && report.failures() + report.errors() > 0) {
            findings.add(Finding.error(STAGE, null, 0, 0, "junit.failed", report.failures() + " failures and "
                    + report.errors() + " errors were reported without a failed test case"));
        }
        return findings;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            // Left in the system temp folder; nothing else refers to it.
        }
    }
}
