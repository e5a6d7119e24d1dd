package io.qlp.validation.internal.js;

import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.script.HostExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Node.js binary the validator runs, as an absolute path so the sandbox's minimal {@code PATH} does not matter,
 * and whether the sandbox's unprivileged user can run it (a {@code node} installed under root's home, by nvm for
 * example, cannot).
 *
 * <p>Example: {@code NodeRuntime.detect().map(NodeRuntime::executable)}
 *
 * @param executable the real {@code node} binary
 * @param majorVersion its major version, such as 20
 * @param usableBySandboxUser whether an unprivileged user of its own can run it; false when this process cannot
 *     switch users at all
 */
public record NodeRuntime(Path executable, int majorVersion, boolean usableBySandboxUser) {

    /** The oldest Node with the {@code node:test} runner and its JUnit reporter. */
    public static final int MIN_MAJOR_VERSION = 20;

    private static final Map<Path, Optional<NodeRuntime>> PROBED = new ConcurrentHashMap<>();
    private static final String PROBE = "console.log(process.execPath + '\\n' + process.versions.node)";

    /**
     * The first {@code node} on the host's PATH (then in the system folders), resolved to its real binary, that the
     * sandbox's unprivileged user can run, when this process can switch users; otherwise the first that runs.
     * Probed once per JVM.
     */
    public static Optional<NodeRuntime> detect() {
        return Detected.RUNTIME;
    }

    /** The runtime at {@code executable}, when it runs; probed once per JVM. */
    public static Optional<NodeRuntime> of(Path executable) {
        return PROBED.computeIfAbsent(executable, NodeRuntime::probe);
    }

    private static Optional<NodeRuntime> probe(Path executable) {
        return HostExecutables.probe(List.of(executable.toString(), "-e", PROBE)).flatMap(NodeRuntime::parse)
                .map(node -> new NodeRuntime(node.executable(), node.majorVersion(), UserSwitch.detect().available()
                        && HostExecutables.probeAsSandboxUser(List.of(node.executable().toString(), "-e", "0"))
                        .isPresent()));
    }

    private static Optional<NodeRuntime> parse(String probeOutput) {
        String[] lines = probeOutput.split("\n");
        if (lines.length < 2) {
            return Optional.empty();
        }
        Path binary = Path.of(lines[0].strip());
        if (!Files.isExecutable(binary)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodeRuntime(binary, Integer.parseInt(lines[1].strip().split("\\.")[0]), false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Lazy holder: the probe runs on first use, once. */
    private static final class Detected {
        static final Optional<NodeRuntime> RUNTIME = first(HostExecutables.candidates("node").stream()
                .map(NodeRuntime::of).flatMap(Optional::stream).toList());

        private static Optional<NodeRuntime> first(List<NodeRuntime> found) {
            return found.stream().filter(NodeRuntime::usableBySandboxUser).findFirst()
                    .or(() -> found.stream().findFirst());
        }
    }
}
