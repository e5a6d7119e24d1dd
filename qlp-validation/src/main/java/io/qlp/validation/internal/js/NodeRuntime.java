package io.qlp.validation.internal.js;

import io.qlp.validation.internal.script.HostExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Node.js binary the validator runs, as an absolute path so the sandbox's minimal {@code PATH} does not matter.
 *
 * <p>Example: {@code NodeRuntime.detect().map(NodeRuntime::executable)}
 *
 * @param executable the real {@code node} binary
 * @param majorVersion its major version, such as 20
 */
public record NodeRuntime(Path executable, int majorVersion) {

    /** The oldest Node with the {@code node:test} runner and its JUnit reporter. */
    public static final int MIN_MAJOR_VERSION = 20;

    private static final String PROBE = "console.log(process.execPath + '\\n' + process.versions.node)";

    /** The first {@code node} on the host's PATH, resolved to its real binary. Probed once per JVM. */
    public static Optional<NodeRuntime> detect() {
        return Detected.RUNTIME;
    }

    /** The runtime at {@code executable}, when it runs. */
    public static Optional<NodeRuntime> of(Path executable) {
        return HostExecutables.probe(List.of(executable.toString(), "-e", PROBE)).flatMap(NodeRuntime::parse);
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
            return Optional.of(new NodeRuntime(binary, Integer.parseInt(lines[1].strip().split("\\.")[0])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Lazy holder: the probe runs on first use, once. */
    private static final class Detected {
        static final Optional<NodeRuntime> RUNTIME = HostExecutables.candidates("node").stream()
                .map(NodeRuntime::of).flatMap(Optional::stream).findFirst();
    }
}
