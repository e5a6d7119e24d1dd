package io.qlp.validation.humaneval;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ground truth, run the way the HumanEval-X README describes: the problem's prompt, a solution body and its test
 * program in one file, then one {@code javac} + {@code java}, one {@code python3} or one {@code node} process. A
 * solution passes when the program exits with 0 within the timeout.
 *
 * <p>Example: {@code new ReferenceHarness(Duration.ofSeconds(10)).run(problem, body).passed()}
 *
 * @param timeout wall-clock limit of the process that runs the tests ({@code java}, {@code python3} or {@code node});
 *     {@code javac} may take up to two minutes
 */
record ReferenceHarness(Duration timeout) {

    /** Wall-clock limit of {@code javac}, which the validator's test timeout does not cover either. */
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(120);

    /** What the reference run of one solution gave. */
    record Verdict(boolean passed, String reason, long millis) {
    }

    /** Runs {@code body} completing {@code problem}'s prompt against the problem's test program. */
    Verdict run(HumanEvalProblem problem, String body) {
        long started = System.nanoTime();
        Path folder = null;
        try {
            folder = Files.createTempDirectory("qlp-humaneval-reference-");
            String program = CapsuleLayouts.referenceProgram(problem, body);
            Verdict verdict = switch (problem.language()) {
                case JAVA -> java(folder, program);
                case PYTHON -> single(folder, "program.py", program, List.of(python(), "program.py"));
                case JAVASCRIPT -> single(folder, "program.js", program, List.of(node(), "program.js"));
            };
            return new Verdict(verdict.passed(), verdict.reason(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private Verdict java(Path folder, String program) throws IOException {
        Files.writeString(folder.resolve("Main.java"), program, StandardCharsets.UTF_8);
        // The timeout is the test run's, as the validator's is: a cold javac on a busy machine may take longer.
        Verdict compiled = exec(folder, List.of(javaTool("javac"), "-d", ".", "Main.java"), compileLimit());
        if (!compiled.passed()) {
            return new Verdict(false, "javac: " + compiled.reason(), 0);
        }
        return exec(folder, List.of(javaTool("java"), "-cp", ".", "Main"), timeout);
    }

    private Verdict single(Path folder, String name, String program, List<String> command) throws IOException {
        Files.writeString(folder.resolve(name), program, StandardCharsets.UTF_8);
        return exec(folder, command, timeout);
    }

    private Duration compileLimit() {
        return timeout.compareTo(COMPILE_LIMIT) > 0 ? timeout : COMPILE_LIMIT;
    }

    private Verdict exec(Path folder, List<String> command, Duration limit) throws IOException {
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("output.txt").toFile()).start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Verdict(false, "timeout after " + limit, 0);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() == 0) {
            return new Verdict(true, "exit 0", 0);
        }
        String output = Files.readString(folder.resolve("output.txt"), StandardCharsets.UTF_8).strip();
        return new Verdict(false, "exit " + process.exitValue() + ": "
                + (output.length() > 300 ? output.substring(0, 300) + "..." : output), 0);
    }

    private static String javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** The interpreter the validator uses too, so both sides run the same Python. */
    private static String python() {
        return io.qlp.validation.internal.python.PythonInterpreter.detect()
                .map(p -> p.executable().toString()).orElse("python3");
    }

    private static String node() {
        return io.qlp.validation.internal.js.NodeRuntime.detect()
                .map(n -> n.executable().toString()).orElse("node");
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A temporary folder; nothing refers to it.
        }
    }
}
