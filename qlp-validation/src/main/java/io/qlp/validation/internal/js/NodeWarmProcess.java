package io.qlp.validation.internal.js;

import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.ProcessTree;
import io.qlp.validation.internal.ProtocolLines;
import io.qlp.validation.internal.script.HostExecutables;
import io.qlp.validation.internal.script.Resources;
import io.qlp.validation.internal.script.ScratchFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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

    private static final String BOOT_NAME = "warm-node.cjs";
    private static final String GUARD_NAME = "exit-guard.cjs";
    private static final String BOOT = Resources.text(NodeWarmProcess.class, BOOT_NAME);
    private static final String GUARD = Resources.text(NodeWarmProcess.class, GUARD_NAME);
    private static final long MIB = 1024L * 1024;
    private static final long STREAM_GRACE_MILLIS = 2000;

    private final ConfinedNode node;

    private NodeWarmProcess(ConfinedNode node) {
        this.node = node;
    }

    /**
     * Starts a process in a new, empty scratch folder and waits until it has loaded the test runner.
     *
     * @throws IOException when it cannot start or is not ready within {@link NodeWarmSpec#startTimeout()}
     */
    public static NodeWarmProcess start(NodeWarmSpec spec) throws IOException, InterruptedException {
        return new NodeWarmProcess(ConfinedNode.start(new ConfinedNode.Launch("warm-node",
                Map.of(BOOT_NAME, BOOT, GUARD_NAME, GUARD),
                (scripts, nonce) -> command(spec, scripts.get(BOOT_NAME), scripts.get(GUARD_NAME), nonce),
                spec.limits(), spec.confinement(), spec.limits().maxOutputBytes(), spec.startTimeout())));
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
        return node.confined().uid();
    }

    /** The scratch folder the capsule goes into; closed with this process. */
    public ScratchFolder scratch() {
        return node.scratch();
    }

    /** Gives the capsule folder's files, written after the start, to the sandbox user, when there is one. */
    public void handOverFiles() {
        node.confined().uid().ifPresent(node.scratch()::handOver);
    }

    /** What the confinement could not enforce on this machine. */
    public List<String> notes() {
        return node.confined().notes();
    }

    /**
     * Checks the syntax of {@code scripts} (capsule-relative paths with the module type of their package), returning
     * the paths that do not parse; empty when no answer came within {@code timeout} or the process ended.
     */
    public Optional<List<String>> check(List<Map.Entry<String, PackageTypes.Type>> scripts, Duration timeout)
            throws InterruptedException {
        String nonce = ProtocolLines.newNonce();
        node.lines().expect(nonce + " ");
        StringBuilder request = new StringBuilder();
        for (Map.Entry<String, PackageTypes.Type> script : scripts) {
            request.append(request.length() > 0 ? "\n" : "").append(switch (script.getValue()) {
                case MODULE -> "module";
                case COMMONJS -> "commonjs";
                case UNSPECIFIED -> "unspecified";
            }).append('\t').append(script.getKey());
        }
        try {
            node.send("CHECK " + nonce + " " + ProtocolLines.encodeField(request.toString()));
            Optional<String> answer = node.lines().next(System.nanoTime() + timeout.toNanos());
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
            node.send("TEST " + ProtocolLines.newNonce() + " " + ProtocolLines.encodeField(testFile));
            node.endInput();
        } catch (IOException e) {
            // The process ended already; its exit code and stderr tell why.
        }
        Process process = node.process();
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            ProcessTree.kill(process);
        }
        node.stderr().await(STREAM_GRACE_MILLIS);
        return new Run(!ended, ended ? process.exitValue() : -1, node.stderr().text(),
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

    /** Kills the process with everything it started and removes its scratch folder. */
    @Override
    public void close() {
        node.close();
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
