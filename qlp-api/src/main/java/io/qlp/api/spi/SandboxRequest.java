package io.qlp.api.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run in a {@link Sandbox}.
 *
 * <p>Example:
 * <pre>{@code
 * new SandboxRequest(List.of("python3", "-m", "pytest"), workDir, Duration.ofSeconds(30),
 *     ResourceLimits.defaults(), Map.of("PYTHONDONTWRITEBYTECODE", "1"))
 * }</pre>
 *
 * @param command program and arguments
 * @param workingDirectory folder the command runs in; the sandbox may copy it
 * @param timeout wall-clock limit; the whole process tree is killed after it
 * @param limits resource limits
 * @param environment the only environment variables the command sees, besides a minimal PATH and HOME
 */
public record SandboxRequest(List<String> command, Path workingDirectory, Duration timeout, ResourceLimits limits,
                             Map<String, String> environment) {

    /** Copies collections and rejects an empty command or a non-positive timeout. */
    public SandboxRequest {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(limits, "limits");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        environment = Map.copyOf(environment);
    }
}
