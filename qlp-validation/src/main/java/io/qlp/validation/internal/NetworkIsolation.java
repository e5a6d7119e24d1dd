package io.qlp.validation.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Whether this machine can run a command in a new, empty network namespace ({@code unshare -n}), and the command
 * prefix that does it. Where it can, the prefix also puts the command into its own PID namespace
 * ({@code --pid --fork --kill-child --mount-proc}): the command sees only its own processes, and when {@code unshare}
 * is killed the kernel kills every process in the namespace, however many a fork bomb made. Probed once per JVM by
 * {@link #detect()}.
 *
 * <p>Example: {@code NetworkIsolation isolation = NetworkIsolation.detect(); if (isolation.available()) ...}
 *
 * @param prefix the words to put before a command, empty when isolation is unavailable
 * @param unavailableReason why isolation is unavailable, or null when it is available
 */
public record NetworkIsolation(List<String> prefix, @Nullable String unavailableReason) {

    private static final long PROBE_SECONDS = 10;

    /** Copies the prefix. */
    public NetworkIsolation {
        prefix = List.copyOf(prefix);
    }

    /** The cached result of probing the system's {@code unshare}. */
    public static NetworkIsolation detect() {
        return Cached.VALUE;
    }

    /** Whether commands can be run without network. */
    public boolean available() {
        return unavailableReason == null;
    }

    /** Whether the prefix also gives the command a PID namespace of its own. */
    public boolean pidNamespace() {
        return prefix.contains("--pid");
    }

    /**
     * Probes {@code unshare}, with and without a PID namespace: first as is (enough for root), then with
     * {@code --map-root-user} (enough where unprivileged user namespaces are allowed).
     */
    public static NetworkIsolation probe(Path unshare) {
        String program = unshare.toString();
        List<String> pids = List.of("--pid", "--fork", "--kill-child", "--mount-proc");
        List<List<String>> candidates = List.of(
                concat(List.of(program, "--net"), pids),
                List.of(program, "--net"),
                concat(List.of(program, "--net", "--map-root-user"), pids),
                List.of(program, "--net", "--map-root-user"));
        List<String> failures = new ArrayList<>();
        for (List<String> candidate : candidates) {
            String failure = tryRun(candidate);
            if (failure == null) {
                List<String> prefix = new ArrayList<>(candidate);
                prefix.add("--");
                return new NetworkIsolation(prefix, null);
            }
            failures.add(String.join(" ", candidate) + ": " + failure);
        }
        return new NetworkIsolation(List.of(), String.join("; ", failures));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static @Nullable String tryRun(List<String> prefix) {
        List<String> command = new ArrayList<>(prefix);
        command.add("true");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            BoundedOutput output = BoundedOutput.drain(process.getInputStream(), 4096, "probe");
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                ProcessTree.kill(process);
                return "did not finish within " + PROBE_SECONDS + " s";
            }
            output.await(1000);
            return process.exitValue() == 0 ? null
                    : "exit code " + process.exitValue() + " " + output.text().strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static final class Cached {
        static final NetworkIsolation VALUE = HostTools.find("unshare")
                .map(NetworkIsolation::probe)
                .orElseGet(() -> new NetworkIsolation(List.of(), "no 'unshare' program in the system folders"));
    }
}
