package io.qlp.validation.internal;

import io.qlp.validation.internal.worker.CapsuleWorker;
import io.qlp.validation.internal.worker.WorkerProtocol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One warm test JVM running {@link CapsuleWorker} inside the sandbox's confinement (see {@link ConfinedCommand}),
 * with a private working folder, and the host's end of the line protocol ({@link WorkerProtocol}). Not thread-safe:
 * the pool hands a worker to one validation at a time.
 *
 * <p>Example: {@code try (WarmWorker worker = WarmWorker.start(spec)) { worker.run(List.of(jar), project, classes, timeout); }}
 */
public final class WarmWorker implements AutoCloseable {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final int STDERR_KEPT = 16 * 1024;

    private final Process process;
    private final ProtocolLines lines;
    private final BoundedOutput stderr;
    private final OutputStream requests;
    private final Path folder;
    private final ConfinedCommand confined;
    private final UserSwitch.Reservation user;
    private int served;

    private WarmWorker(Process process, ProtocolLines lines, BoundedOutput stderr, Path folder,
                       ConfinedCommand confined, UserSwitch.Reservation user) {
        this.process = process;
        this.lines = lines;
        this.stderr = stderr;
        this.requests = process.getOutputStream();
        this.folder = folder;
        this.confined = confined;
        this.user = user;
    }

    /**
     * Starts a worker and waits for its {@code READY} line.
     *
     * @throws IOException when it cannot start or does not become ready within {@link WorkerSpec#startTimeout()}
     */
    public static WarmWorker start(WorkerSpec spec) throws IOException, InterruptedException {
        WorkerRuntime runtime = WorkerRuntime.shared();
        Path folder = runtime.newFolder("worker");
        Path tmp = Files.createDirectory(folder.resolve("tmp"));
        Files.createFile(folder.resolve(CapsuleWorker.FOLDER_MARKER));
        String nonce = ProtocolLines.newNonce();
        // The worker's user runs capsule after capsule: no other command of this JVM may share it meanwhile, or their
        // process counts and files would mix.
        UserSwitch.Reservation user = UserSwitch.reserve();
        ConfinedCommand confined;
        Process process;
        try {
            confined = ConfinedCommand.of(javaCommand(spec, runtime, tmp, nonce), folder, tmp, spec.workerLimits(),
                    spec.confinement(), OptionalLong.of(spec.heapBytes() + 2 * GIB), java.util.Map.of(), user::uid);
            if (confined.uid().isEmpty()) {
                user.close();
            }
            process = confined.applyTo(new ProcessBuilder()).directory(folder.toFile()).start();
        } catch (IOException | RuntimeException e) {
            user.close();
            Folders.deleteRecursively(folder);
            throw e;
        }
        ProtocolLines lines = ProtocolLines.read(process.getInputStream(), nonce + " ", "stdout");
        BoundedOutput stderr = BoundedOutput.drain(process.getErrorStream(), STDERR_KEPT, "worker-stderr");
        WarmWorker worker = new WarmWorker(process, lines, stderr, folder, confined, user);
        try {
            long deadline = System.nanoTime() + spec.startTimeout().toNanos();
            Optional<String> ready = lines.next(deadline);
            if (ready.isEmpty() || !ready.get().equals(nonce + " " + WorkerProtocol.READY)) {
                throw new IOException("the test JVM did not start within " + spec.startTimeout());
            }
            return worker;
        } catch (IOException | InterruptedException | RuntimeException e) {
            String why = worker.stderrText();
            worker.close();
            if (e instanceof IOException io) {
                throw new IOException(io.getMessage() + (why.isEmpty() ? "" : "; stderr: " + why), io);
            }
            throw e;
        }
    }

    /** What the confinement could not enforce on this machine. */
    public List<String> notes() {
        return confined.notes();
    }

    /** Whether the worker runs without network. */
    public boolean networkIsolated() {
        return confined.networkIsolated();
    }

    /** How many capsules this worker has run. */
    public int served() {
        return served;
    }

    /**
     * Runs the tests of the capsule jar, the first of {@code classpath} (its dependency jars follow), in a working folder holding the files of {@code project} (a
     * {@link io.qlp.validation.internal.worker.ProjectArchive}) and waits for the answer until {@code timeout}.
     * After anything but a clean {@link WorkerOutcome.Verdict} the worker must be closed.
     */
    public WorkerOutcome run(List<Path> classpath, Path project, List<String> testClasses, Duration timeout)
            throws InterruptedException {
        served++;
        String nonce = ProtocolLines.newNonce();
        lines.expect(nonce + " ");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            String request = String.join(" ", WorkerProtocol.RUN, nonce,
                    WorkerProtocol.encode(classpath.stream().map(Path::toString)
                            .collect(Collectors.joining(java.io.File.pathSeparator))), WorkerProtocol.encode(String.join(",", testClasses)),
                    WorkerProtocol.encode(project.toString()));
            requests.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            List<JUnitReport.FailedTest> failed = new ArrayList<>();
            while (true) {
                Optional<String> line = lines.next(deadline);
                if (line.isEmpty()) {
                    return new WorkerOutcome.TimedOut(timeout);
                }
                List<String> fields = WorkerProtocol.fields(line.get());
                String kind = fields.size() > 1 ? fields.get(1) : "";
                if (kind.equals(WorkerProtocol.FAIL) && fields.size() == 8) {
                    failed.add(new JUnitReport.FailedTest(WorkerProtocol.decode(fields.get(2)),
                            WorkerProtocol.decode(fields.get(3)), fields.get(4).equals("1"),
                            WorkerProtocol.decode(fields.get(5)), WorkerProtocol.decode(fields.get(6)),
                            WorkerProtocol.decode(fields.get(7))));
                } else if (kind.equals(WorkerProtocol.DONE) && fields.size() == 7) {
                    return verdict(fields, failed);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // The worker ended, or its pipe broke, before it answered.
            return died();
        }
    }

    private static WorkerOutcome verdict(List<String> fields, List<JUnitReport.FailedTest> failed) {
        int found = Integer.parseInt(fields.get(2));
        int skipped = Integer.parseInt(fields.get(5));
        int errors = (int) failed.stream().filter(JUnitReport.FailedTest::error).count();
        JUnitReport report = new JUnitReport(found, skipped, failed.size() - errors, errors, failed);
        int succeeded = Integer.parseInt(fields.get(3));
        return new WorkerOutcome.Verdict(report, succeeded, WorkerProtocol.decode(fields.get(6)));
    }

    private WorkerOutcome died() throws InterruptedException {
        boolean ended = process.waitFor(2, TimeUnit.SECONDS);
        stderr.await(500);
        return new WorkerOutcome.Died(ended ? process.exitValue() : -1, stderrText());
    }

    private String stderrText() {
        return stderr.text().strip();
    }

    /** Kills the worker with all its processes and removes its folder. */
    @Override
    public void close() {
        ProcessTree.kill(process);
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            // Inside the runtime folder, which goes when the JVM exits.
        } finally {
            user.close();
        }
    }

    private static List<String> javaCommand(WorkerSpec spec, WorkerRuntime runtime, Path tmp, String nonce) {
        return List.of(spec.javaExecutable().toString(),
                "-Xmx" + Math.max(16, spec.heapBytes() / (1024 * 1024)) + "m",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                // Fixed reservations, so the address-space limit leaves room only for the heap and threads.
                "-XX:ReservedCodeCacheSize=64m", "-XX:CompressedClassSpaceSize=128m", "-XX:MaxMetaspaceSize=256m",
                "-XX:MaxDirectMemorySize=64m",
                "-Djava.io.tmpdir=" + tmp, "-Djava.awt.headless=true",
                "-cp", runtime.workerJar() + java.io.File.pathSeparator + runtime.junitJar(),
                CapsuleWorker.class.getName(), nonce);
    }
}
