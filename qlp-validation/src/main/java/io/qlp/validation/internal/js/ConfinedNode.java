package io.qlp.validation.internal.js;

import io.qlp.api.spi.ResourceLimits;
import io.qlp.validation.internal.BoundedOutput;
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.ProcessTree;
import io.qlp.validation.internal.ProtocolLines;
import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.script.ScratchFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived Node.js process of QLP's own, in the sandbox's confinement: started in the empty capsule folder of a
 * new {@link ScratchFolder} with its scripts in the run folder, as a user reserved for its whole life
 * ({@link UserSwitch#reserve()}), answering on stdout with lines that start with a nonce, and ready once it prints
 * {@code <nonce> READY}. What {@link NodeSyntaxChecker} and {@link NodeWarmProcess} share; each speaks its own
 * protocol over {@link #lines()} and {@link #send(String)}.
 *
 * <p>Example:
 * <pre>{@code
 * try (ConfinedNode node = ConfinedNode.start(launch)) {
 *     node.send("PARSE " + nonce + " ...");
 * }
 * }</pre>
 */
final class ConfinedNode implements AutoCloseable {

    private final ScratchFolder scratch;
    private final Process process;
    private final ProtocolLines lines;
    private final BoundedOutput stderr;
    private final OutputStream requests;
    private final ConfinedCommand confined;
    private final UserSwitch.Reservation user;

    private ConfinedNode(ScratchFolder scratch, Process process, ProtocolLines lines, BoundedOutput stderr,
                         ConfinedCommand confined, UserSwitch.Reservation user) {
        this.scratch = scratch;
        this.process = process;
        this.lines = lines;
        this.stderr = stderr;
        this.requests = process.getOutputStream();
        this.confined = confined;
        this.user = user;
    }

    /** Builds the command line from the scripts' paths in the run folder (by file name) and the READY nonce. */
    @FunctionalInterface
    interface CommandLine {
        List<String> of(Map<String, Path> scripts, String nonce);
    }

    /**
     * What to start.
     *
     * @param name names the scratch folder ({@code qlp-<name>-}), the reader threads and the start error
     * @param scripts file name to text, written into the run folder before the start
     * @param commandLine the command, given the scripts' paths and the nonce
     * @param limits the process's resource limits
     * @param confinement network, namespace and user confinement
     * @param stderrBytes stderr kept for error messages
     * @param startTimeout how long to wait for {@code READY}
     */
    record Launch(String name, Map<String, String> scripts, CommandLine commandLine, ResourceLimits limits,
                  ConfinedCommand.Options confinement, int stderrBytes, Duration startTimeout) {
    }

    /**
     * Starts the process and waits until it is ready.
     *
     * @throws IOException when it cannot start or is not ready within the launch's start timeout; the message ends
     *     with what the process printed on stderr
     */
    static ConfinedNode start(Launch launch) throws IOException, InterruptedException {
        ScratchFolder scratch = ScratchFolder.createEmpty("qlp-" + launch.name() + "-");
        String nonce = ProtocolLines.newNonce();
        // Its user is its own while it lives: no other command of this JVM shares its files or its process count.
        UserSwitch.Reservation user = UserSwitch.reserve();
        ConfinedCommand confined;
        Process process;
        try {
            Map<String, Path> scripts = new LinkedHashMap<>();
            for (Map.Entry<String, String> script : launch.scripts().entrySet()) {
                scripts.put(script.getKey(), Files.writeString(scratch.runFile(script.getKey()), script.getValue(),
                        StandardCharsets.UTF_8));
            }
            Path tmp = Files.createDirectory(scratch.runFile("tmp"));
            if (launch.confinement().switchUser() && UserSwitch.detect().available()) {
                // The folder (0700) must be the user's before the confinement checks that the user can reach it.
                scratch.handOver(user.uid());
            }
            confined = ConfinedCommand.of(launch.commandLine().of(scripts, nonce), scratch.capsule(), tmp,
                    launch.limits(), launch.confinement(), OptionalLong.empty(), Map.of("NO_COLOR", "1"), user::uid);
            if (confined.uid().isEmpty()) {
                user.close();
            }
            process = confined.applyTo(new ProcessBuilder()).directory(scratch.capsule().toFile()).start();
        } catch (IOException | RuntimeException e) {
            user.close();
            scratch.close();
            throw e;
        }
        ProtocolLines lines = ProtocolLines.read(process.getInputStream(), nonce + " ", launch.name());
        BoundedOutput stderr = BoundedOutput.drain(process.getErrorStream(), launch.stderrBytes(),
                launch.name() + "-stderr");
        ConfinedNode node = new ConfinedNode(scratch, process, lines, stderr, confined, user);
        try {
            Optional<String> ready = lines.next(System.nanoTime() + launch.startTimeout().toNanos());
            if (ready.isEmpty() || !ready.get().equals(nonce + " READY")) {
                throw new IOException("the " + launch.name() + " process did not start within "
                        + launch.startTimeout());
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

    /** The answers on stdout. */
    ProtocolLines lines() {
        return lines;
    }

    /** Writes one request line. */
    void send(String line) throws IOException {
        requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
    }

    /** Closes stdin: the process's input ends. */
    void endInput() throws IOException {
        requests.close();
    }

    /** The process. */
    Process process() {
        return process;
    }

    /** What it printed on stderr, cut at the launch's limit. */
    BoundedOutput stderr() {
        return stderr;
    }

    /** The confinement it runs in: its user id, network isolation and what could not be enforced. */
    ConfinedCommand confined() {
        return confined;
    }

    /** Its scratch folder; removed by {@link #close()}. */
    ScratchFolder scratch() {
        return scratch;
    }

    /** Kills the process with everything it started, removes its folder and gives its user back. */
    @Override
    public void close() {
        ProcessTree.kill(process);
        scratch.close();
        // Every process of the user died with the process's PID namespace.
        user.close();
    }
}
