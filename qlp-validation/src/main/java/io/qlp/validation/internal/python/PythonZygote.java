package io.qlp.validation.internal.python;

import io.qlp.api.Finding;
import io.qlp.validation.internal.BoundedOutput;
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.Folders;
import io.qlp.validation.internal.ProcessTree;
import io.qlp.validation.internal.ProtocolLines;
import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.script.Resources;
import io.qlp.validation.internal.script.ScratchFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A warm Python interpreter that has imported pytest once and forks a fresh child for each capsule (the
 * {@code zygote.py} resource). It runs in the sandbox's confinement ({@link ConfinedCommand}: no network, a PID
 * namespace of its own in which it is process 1, resource limits, a clean environment, a private folder, the sandbox
 * user when privileges are dropped) and refuses to start without its own PID namespace. The zygote and every child it
 * forks run as the same user, an unprivileged one of the zygote's own when the confinement switches users: each
 * capsule's scratch folder is handed to it, the process-count limit covers the zygote with its children, and the
 * zygote makes itself non-dumpable and ignores signals so that a child cannot attach to it or stop it. Each child applies the
 * per-capsule CPU limit, moves into the capsule's folder with its own {@code HOME} and {@code TMPDIR}, redirects its
 * output to files of the run folder, checks the syntax of every {@code .py} file and, when they parse, runs pytest
 * with a JUnit XML report; after it ends the zygote kills every other process of its namespace. Capsule code never
 * runs in the zygote, and nothing a capsule imports or changes reaches the next capsule: each starts from the same
 * fork. Not thread-safe: a pool lends a zygote to one validation at a time.
 *
 * <p>Example: {@code try (PythonZygote zygote = PythonZygote.start(spec)) { zygote.run(scratch, files, false, 30s, 60s); }}
 */
public final class PythonZygote implements AutoCloseable {

    private static final String SCRIPT = Resources.text(PythonZygote.class, "zygote.py");
    private static final int STDERR_KEPT = 16 * 1024;
    private static final String END = "END";

    private final Process process;
    private final ProtocolLines lines;
    private final BoundedOutput stderr;
    private final OutputStream requests;
    private final Path folder;
    private final ConfinedCommand confined;
    private final ZygoteSpec spec;
    private final UserSwitch.Reservation user;
    private int served;

    private PythonZygote(Process process, ProtocolLines lines, BoundedOutput stderr, Path folder,
                         ConfinedCommand confined, ZygoteSpec spec, UserSwitch.Reservation user) {
        this.process = process;
        this.lines = lines;
        this.stderr = stderr;
        this.requests = process.getOutputStream();
        this.folder = folder;
        this.confined = confined;
        this.spec = spec;
        this.user = user;
    }

    /**
     * Starts a zygote and waits until it has imported pytest.
     *
     * @throws IOException when it cannot start, refuses to (no PID namespace of its own) or is not ready within
     *     {@link ZygoteSpec#startTimeout()}
     */
    public static PythonZygote start(ZygoteSpec spec) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("qlp-python-zygote-");
        // The zygote's user runs capsule after capsule: no other command of this JVM may share it meanwhile.
        UserSwitch.Reservation user = UserSwitch.reserve();
        ConfinedCommand confined;
        Process process;
        try {
            Path tmp = Files.createDirectory(folder.resolve("tmp"));
            confined = ConfinedCommand.of(List.of(spec.python().toString(), "-I", "-c", SCRIPT), folder, tmp,
                    spec.zygoteLimits(), spec.confinement(), OptionalLong.of(spec.limits().memoryBytes()),
                    Map.of("PYTHONDONTWRITEBYTECODE", "1", "PYTHONIOENCODING", "utf-8"), user::uid);
            if (confined.uid().isEmpty()) {
                user.close();
            }
            process = confined.applyTo(new ProcessBuilder()).directory(folder.toFile()).start();
        } catch (IOException | RuntimeException e) {
            user.close();
            Folders.deleteRecursively(folder);
            throw e;
        }
        String nonce = ProtocolLines.newNonce();
        ProtocolLines lines = ProtocolLines.read(process.getInputStream(), nonce + " ", "python-zygote");
        BoundedOutput stderr = BoundedOutput.drain(process.getErrorStream(), STDERR_KEPT, "python-zygote-stderr");
        PythonZygote zygote = new PythonZygote(process, lines, stderr, folder, confined, spec, user);
        try {
            zygote.send(nonce);
            Optional<String> ready = lines.next(System.nanoTime() + spec.startTimeout().toNanos());
            if (ready.isEmpty() || !ready.get().equals(nonce + " READY")) {
                throw new IOException("the Python zygote did not start within " + spec.startTimeout());
            }
            return zygote;
        } catch (IOException | InterruptedException | RuntimeException e) {
            zygote.awaitExit();
            String why = zygote.stderrText();
            zygote.close();
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

    /** How many capsules this zygote has run. */
    public int served() {
        return served;
    }

    /** Whether this zygote may serve another capsule after a clean run. */
    public boolean hasCapacity() {
        return served < spec.maxCapsules() && process.isAlive();
    }

    /**
     * Runs one capsule: the syntax check of {@code sources} (capsule-relative {@code .py} paths), then, when they
     * parse, pytest. The report, {@code stdout.txt} and {@code stderr.txt} land in the scratch folder's run folder.
     * After anything but a {@link ZygoteOutcome.Ran} without strays the zygote must be closed.
     */
    public ZygoteOutcome run(ScratchFolder scratch, List<String> sources, boolean autoloadPlugins,
                             Duration syntaxTimeout, Duration testTimeout) throws InterruptedException {
        served++;
        String nonce = ProtocolLines.newNonce();
        lines.expect(nonce + " ");
        confined.uid().ifPresent(scratch::handOver);
        long started = System.nanoTime();
        try {
            send(String.join(" ", "RUN", nonce, ProtocolLines.encodeField(scratch.capsule().toString()),
                    ProtocolLines.encodeField(scratch.runFile("").toString()),
                    Long.toString(spec.limits().cpuSeconds()), autoloadPlugins ? "1" : "0",
                    ProtocolLines.encodeField(String.join("\n", sources))));
            Optional<String> syntaxLine = lines.next(started + syntaxTimeout.toNanos());
            if (syntaxLine.isEmpty()) {
                return new ZygoteOutcome.SyntaxTimedOut();
            }
            long checked = System.nanoTime();
            long syntaxMillis = TimeUnit.NANOSECONDS.toMillis(checked - started);
            String[] syntax = syntaxLine.get().split(" ");
            if (syntax.length != 3 || !syntax[1].equals("SYNTAX")) {
                return failed(syntaxLine.get());
            }
            String text = ProtocolLines.decodeField(syntax[2]);
            List<Finding> findings = PythonSyntaxStage.parse(text);
            boolean completed = text.lines().anyMatch(END::equals);
            // Only syntax errors (or a child that died in the check) stop before pytest, which then takes no time.
            Duration rest = findings.isEmpty() && completed ? testTimeout : syntaxTimeout;
            Optional<String> doneLine = lines.next(checked + rest.toNanos());
            if (doneLine.isEmpty()) {
                return findings.isEmpty() && completed ? new ZygoteOutcome.TestTimedOut(syntaxMillis)
                        : new ZygoteOutcome.SyntaxTimedOut();
            }
            long testMillis = findings.isEmpty() && completed
                    ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checked) : 0;
            String[] done = doneLine.get().split(" ");
            if (done.length != 4 || !done[1].equals("DONE")) {
                return failed(doneLine.get());
            }
            return new ZygoteOutcome.Ran(findings, completed, syntaxMillis, Integer.parseInt(done[2]),
                    Integer.parseInt(done[3]), testMillis);
        } catch (IOException | IllegalArgumentException e) {
            awaitExit();
            return new ZygoteOutcome.Failed("the Python zygote ended before it answered (exit code "
                    + (process.isAlive() ? "none yet" : process.exitValue()) + ")"
                    + (stderrText().isEmpty() ? "" : "; stderr: " + stderrText()));
        }
    }

    private static ZygoteOutcome failed(String line) {
        String[] fields = line.split(" ");
        String why = fields.length == 3 && fields[1].equals("FAILED") ? ProtocolLines.decodeField(fields[2])
                : "unexpected answer";
        return new ZygoteOutcome.Failed("the Python zygote could not run the capsule: " + why);
    }

    private void send(String line) throws IOException {
        requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
    }

    private void awaitExit() throws InterruptedException {
        process.waitFor(2, TimeUnit.SECONDS);
        stderr.await(500);
    }

    private String stderrText() {
        return stderr.text().strip();
    }

    /** Kills the zygote with every process of its namespace and removes its folder. */
    @Override
    public void close() {
        ProcessTree.kill(process);
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            // A folder in the system temp folder; nothing refers to it any more.
        } finally {
            // Every process of the user died with the zygote's PID namespace.
            user.close();
        }
    }
}
