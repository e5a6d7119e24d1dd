package io.qlp.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a sandboxed command did.
 *
 * <p>Example: {@code result.timedOut() ? "killed after timeout" : "exit " + result.exitCode()}
 *
 * @param exitCode the process's exit code, or -1 when it was killed
 * @param stdout standard output, cut at the limit
 * @param stderr standard error, cut at the limit
 * @param timedOut whether the wall-clock timeout killed it
 * @param millis wall-clock duration
 * @param networkIsolated whether the process ran without network access
 * @param notes what the sandbox could not enforce on this machine, or did on the way
 */
public record SandboxResult(int exitCode, String stdout, String stderr, boolean timedOut, long millis,
                           boolean networkIsolated, List<String> notes) {

    /** Copies the notes. */
    public SandboxResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        notes = List.copyOf(notes);
    }
}
