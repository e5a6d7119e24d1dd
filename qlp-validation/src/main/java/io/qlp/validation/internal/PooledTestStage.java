package io.qlp.validation.internal;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Finding;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.validation.internal.worker.ProjectArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a capsule's compiled tests in a warm JVM of a {@link WarmJvmPool}, in a working folder holding the project's
 * files, as Maven runs tests in the project's folder. The verdict comes over the worker's protocol, never from files
 * or exit codes the code under test could write: a worker that ends before answering (a test calling
 * {@code System.exit(0)}) fails the capsule.
 *
 * <p>Example: {@code List<Finding> findings = new PooledTestStage(pool, Duration.ofSeconds(30)).run(compiled, sources);}
 *
 * @param pool the warm JVMs
 * @param timeout wall-clock limit of one capsule's tests
 */
public record PooledTestStage(WarmJvmPool pool, Duration timeout) {

    private static final int STDERR_IN_FINDING = 2000;

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
     * jars, readable by the sandbox user) in the capsule's class loader after its own classes.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the run cannot be set up
     */
    public List<Finding> run(CompiledClasses compiled, JavaSources sources, List<Path> dependencies) {
        List<String> testClasses = JUnitTestStage.testClasses(compiled, sources);
        if (testClasses.isEmpty()) {
            return List.of(JUnitTestStage.noTestClass(compiled, sources));
        }
        String name = "capsule-" + UUID.randomUUID();
        Path jar = WorkerRuntime.shared().root().resolve(name + ".jar");
        Path project = WorkerRuntime.shared().root().resolve(name + "-project.zip");
        try {
            writeJar(jar, compiled, sources);
            writeProject(project, sources);
            List<Path> classpath = new ArrayList<>(List.of(jar));
            classpath.addAll(dependencies);
            WorkerOutcome outcome = pool.run(classpath, project, testClasses, timeout);
            if (outcome instanceof WorkerOutcome.Verdict verdict) {
                return JUnitTestStage.judge(verdict.report(), compiled, testClasses);
            }
            if (outcome instanceof WorkerOutcome.Died died) {
                return List.of(died(died));
            }
            return List.of(JUnitTestStage.timedOut(timeout, "the test JVM was killed and replaced"));
        } catch (IOException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE,
                    "could not prepare the test run: " + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE),
                    Map.of(), e);
        } finally {
            deleteQuietly(jar);
            deleteQuietly(project);
        }
    }

    /** The capsule jar, readable by the sandbox user but owned by the host. */
    private static void writeJar(Path jar, CompiledClasses compiled, JavaSources sources) throws IOException {
        CapsuleJar.write(jar, compiled.classes(), sources.resources());
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("r--r--r--"));
    }

    /** The project's files for the worker's working folder, readable by the sandbox user but owned by the host. */
    private static void writeProject(Path archive, JavaSources sources) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        sources.projectFiles().forEach(file -> files.put(file.path(), file.content()));
        ProjectArchive.write(archive, files);
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--r--r--"));
    }

    private static Finding died(WorkerOutcome.Died died) {
        StringBuilder message = new StringBuilder("the test JVM exited with code ").append(died.exitCode())
                .append(JUnitTestStage.exitMeaning(died.exitCode()))
                .append(" before the JUnit run reported a verdict (a test may have called System.exit or"
                        + " Runtime.halt, or the JVM ran out of memory or crashed)");
        String stderr = died.stderr();
        if (!stderr.isEmpty()) {
            message.append("; stderr: ").append(stderr.length() > STDERR_IN_FINDING
                    ? stderr.substring(0, STDERR_IN_FINDING) + "..." : stderr);
        }
        return Finding.error(JUnitTestStage.STAGE, null, 0, 0, "junit.no-verdict", message.toString());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Inside the runtime folder, which goes when the JVM exits.
        }
    }
}
