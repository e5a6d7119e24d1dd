package io.qlp.validation.internal.js;

import io.qlp.validation.internal.BoundedOutput;
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.ProcessTree;
import io.qlp.validation.internal.ProtocolLines;
import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.script.HostExecutables;
import io.qlp.validation.internal.script.Resources;
import io.qlp.validation.internal.script.ScratchFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js process started ahead of time for exactly one capsule (the {@code warm-node.cjs} resource), so its
 * start-up is off the capsule's critical path while isolation stays that of a process per capsule. It runs in the
 * sandbox's confinement ({@link ConfinedCommand}: no network, own PID namespace, resource limits, a clean environment,
 * the sandbox user when privileges are dropped) in the empty capsule folder of its own {@link ScratchFolder}, with
 * node:test's JUnit reporter (and TAP, for what a failing file printed) writing into the run folder. When the capsule
 * comes, it checks the syntax of its scripts without running them and then runs the one test file as its main module,
 * as the child process of {@code node --test} would, with {@code process.exit()} turned into a thrown error. Not
 * thread-safe: a pool lends it to one validation, and it is closed after that one capsule.
 *
 * <p>Example:
 * <pre>{@code
 * try (NodeWarmProcess node = NodeWarmProcess.start(spec)) {
 *     node.scratch().write(files);
 *     if (node.check(scripts, syntaxTimeout).map(List::isEmpty).orElse(false)) node.test("sum.test.js", timeout);
 * }
 * }</pre>
 */
public final class NodeWarmProcess implements AutoCloseable {

    /** The JUnit report in the run folder. */
    public static final String REPORT = "node-junit.xml";
    /** The TAP report in the run folder. */
    public static final String TAP = "node-tap.txt";

    private static final String BOOT = Resources.text(NodeWarmProcess.class, "warm-node.cjs");
    private static final String GUARD = Resources.text(NodeWarmProcess.class, "exit-guard.cjs");
    private static final long MIB = 1024L * 1024;
    private static final long STREAM_GRACE_MILLIS = 2000;

    private final ScratchFolder scratch;
    private final Process process;
    private final ProtocolLines lines;
    private final BoundedOutput stderr;
    private final OutputStream requests;
    private final ConfinedCommand confined;
    private final UserSwitch.Reservation user;

    private NodeWarmProcess(ScratchFolder scratch, Process process, ProtocolLines lines, BoundedOutput stderr,
                            ConfinedCommand confined, UserSwitch.Reservation user) {
        this.scratch = scratch;
        this.process = process;
        this.lines = lines;
        this.stderr = stderr;
        this.requests = process.getOutputStream();
        this.confined = confined;
        this.user = user;
    }

    /**
     * Starts a process in a new, empty scratch folder and waits until it has loaded the test runner.
     *
     * @throws IOException when it cannot start or is not ready within {@link NodeWarmSpec#startTimeout()}
     */
    public static NodeWarmProcess start(NodeWarmSpec spec) throws IOException, InterruptedException {
        ScratchFolder scratch = ScratchFolder.createEmpty("qlp-javascript-");
        String nonce = ProtocolLines.newNonce();
        // The process waits for its capsule as its user: no other command of this JVM may share that user meanwhile.
        UserSwitch.Reservation user = UserSwitch.reserve();
        ConfinedCommand confined;
        Process process;
        try {
            Path boot = Files.writeString(scratch.runFile("warm-node.cjs"), BOOT, StandardCharsets.UTF_8);
            Path guard = Files.writeString(scratch.runFile("exit-guard.cjs"), GUARD, StandardCharsets.UTF_8);
            Path tmp = Files.createDirectory(scratch.runFile("tmp"));
            if (spec.confinement().switchUser() && UserSwitch.detect().available()) {
                // The folder (0700) must be the user's before the confinement checks that the user can reach it.
                scratch.handOver(user.uid());
            }
            confined = ConfinedCommand.of(command(spec, boot, guard, nonce), scratch.capsule(), tmp, spec.limits(),
                    spec.confinement(), OptionalLong.empty(), Map.of("NO_COLOR", "1"), user::uid);
            if (confined.uid().isEmpty()) {
                user.close();
            }
            process = confined.applyTo(new ProcessBuilder()).directory(scratch.capsule().toFile()).start();
        } catch (IOException | RuntimeException e) {
            user.close();
            scratch.close();
            throw e;
        }
        ProtocolLines lines = ProtocolLines.read(process.getInputStream(), nonce + " ", "warm-node");
        BoundedOutput stderr = BoundedOutput.drain(process.getErrorStream(), spec.limits().maxOutputBytes(),
                "warm-node-stderr");
        NodeWarmProcess node = new NodeWarmProcess(scratch, process, lines, stderr, confined, user);
        try {
            Optional<String> ready = lines.next(System.nanoTime() + spec.startTimeout().toNanos());
            if (ready.isEmpty() || !ready.get().equals(nonce + " READY")) {
                throw new IOException("the warm node process did not start within " + spec.startTimeout());
            }
            return node;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.waitFor(2, TimeUnit.SECONDS);
            stderr.await(500);
            String why = stderr.text().strip();
            node.close();
            if (e instanceof IOException io) {
                throw new IOException(io.getMessage() + (why.isEmpty() ? "" : "; stderr: " + why), io);
            }
            throw e;
        }
    }

    private static List<String> command(NodeWarmSpec spec, Path boot, Path guard, String nonce) {
        List<String> command = new ArrayList<>(List.of(spec.node().executable().toString(),
                "--max-old-space-size=" + Math.max(32, spec.limits().memoryBytes() / MIB),
                // vm.SourceTextModule parses an ES module without running it, as `node --check` does.
                "--experimental-vm-modules"));
        if (Warnings.canDisable(spec.node())) {
            command.add("--disable-warning=ExperimentalWarning");
        }
        command.addAll(List.of("--test-reporter=junit", "--test-reporter-destination=" + boot.resolveSibling(REPORT),
                "--test-reporter=tap", "--test-reporter-destination=" + boot.resolveSibling(TAP)));
        command.addAll(List.of(boot.toString(), nonce, guard.toString()));
        return command;
    }

    /** The user id this process runs as, when the confinement switched users. */
    public OptionalInt uid() {
        return confined.uid();
    }

    /** The scratch folder the capsule goes into; closed with this process. */
    public ScratchFolder scratch() {
        return scratch;
    }

    /** Gives the capsule folder's files, written after the start, to the sandbox user, when there is one. */
    public void handOverFiles() {
        confined.uid().ifPresent(scratch::handOver);
    }

    /** What the confinement could not enforce on this machine. */
    public List<String> notes() {
        return confined.notes();
    }

    /**
     * Checks the syntax of {@code scripts} (capsule-relative paths with the module type of their package), returning
     * the paths that do not parse; empty when no answer came within {@code timeout} or the process ended.
     */
    public Optional<List<String>> check(List<Map.Entry<String, PackageTypes.Type>> scripts, Duration timeout)
            throws InterruptedException {
        String nonce = ProtocolLines.newNonce();
        lines.expect(nonce + " ");
        StringBuilder request = new StringBuilder();
        for (Map.Entry<String, PackageTypes.Type> script : scripts) {
            request.append(request.length() > 0 ? "\n" : "").append(switch (script.getValue()) {
                case MODULE -> "module";
                case COMMONJS -> "commonjs";
                case UNSPECIFIED -> "unspecified";
            }).append('\t').append(script.getKey());
        }
        try {
            send("CHECK " + nonce + " " + ProtocolLines.encodeField(request.toString()));
            Optional<String> answer = lines.next(System.nanoTime() + timeout.toNanos());
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            String[] fields = answer.get().split(" ");
            if (fields.length != 3 || !fields[1].equals("SYNTAX")) {
                return Optional.empty();
            }
            return Optional.of(ProtocolLines.decodeField(fields[2]).lines().filter(line -> !line.isEmpty()).toList());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code testFile} (capsule-relative) and waits for the process to end, at most {@code timeout}. */
    public Run test(String testFile, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        try {
            send("TEST " + ProtocolLines.newNonce() + " " + ProtocolLines.encodeField(testFile));
            requests.close();
        } catch (IOException e) {
            // The process ended already; its exit code and stderr tell why.
        }
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            ProcessTree.kill(process);
        }
        stderr.await(STREAM_GRACE_MILLIS);
        return new Run(!ended, ended ? process.exitValue() : -1, stderr.text(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * How the test run ended.
     *
     * <p>Example: {@code if (run.timedOut()) findings.add(...);}
     *
     * @param timedOut whether it was killed at the timeout
     * @param exitCode the process's exit code, -1 after a timeout
     * @param stderr what it printed on stderr, cut at the output limit
     * @param millis how long it ran
     */
    public record Run(boolean timedOut, int exitCode, String stderr, long millis) {
    }

    private void send(String line) throws IOException {
        requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
    }

    /** Kills the process with everything it started and removes its scratch folder. */
    @Override
    public void close() {
        ProcessTree.kill(process);
        scratch.close();
        // Every process of the user died with the process's PID namespace.
        user.close();
    }

    /** Whether the runtime knows {@code --disable-warning} (Node 20.11 and newer), probed once per JVM. */
    private static final class Warnings {

        private static volatile Boolean supported;

        static boolean canDisable(NodeRuntime node) {
            Boolean known = supported;
            if (known == null) {
                known = HostExecutables.probe(List.of(node.executable().toString(),
                        "--disable-warning=ExperimentalWarning", "-e", "0")).isPresent();
                supported = known;
            }
            return known;
        }
    }
}
