package io.qlp.validation.internal.script;

import io.qlp.validation.internal.HostTools;
import io.qlp.validation.internal.UserSwitch;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds interpreters on the host: every executable of a name on the QLP process's {@code PATH}, then the system
 * folders. The sandbox gives its commands a minimal {@code PATH}, so validators resolve their interpreter here, once,
 * and hand the sandbox an absolute path.
 *
 * <p>Example: {@code HostExecutables.candidates("python3").stream().filter(p -> ...).findFirst()}
 */
public final class HostExecutables {

    private static final List<String> SYSTEM_FOLDERS = List.of("/usr/local/bin", "/usr/bin", "/bin");
    private static final long PROBE_SECONDS = 20;
    /** More than any version or path a probe prints. */
    static final int PROBE_OUTPUT_BYTES = 64 * 1024;

    private HostExecutables() {
    }

    /** Executables named {@code name}, in {@code PATH} order, then the system folders, without duplicates. */
    public static List<Path> candidates(String name) {
        Set<Path> found = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        List<String> folders = new ArrayList<>();
        if (path != null) {
            folders.addAll(List.of(path.split(File.pathSeparator)));
        }
        folders.addAll(SYSTEM_FOLDERS);
        for (String folder : folders) {
            if (folder.isBlank()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                found.add(candidate.toAbsolutePath().normalize());
            }
        }
        return List.copyOf(found);
    }

    /**
     * Runs a short trusted probe command on the host, with the host's environment, and returns its trimmed stdout
     * when it exits with 0 within 20 s.
     */
    public static Optional<String> probe(List<String> command) {
        return run(new ProcessBuilder(command));
    }

    /**
     * Runs a short trusted probe command as a sandbox would: as an unprivileged user id no account uses, from the
     * root folder, with only {@code PATH}, {@code HOME} and {@code LANG} set; returns its trimmed stdout when it exits
     * with 0 within 20 s. Empty when this process cannot switch users ({@link UserSwitch#available()}) or the command
     * fails as that user, for example because the interpreter lives in a folder only the host's user may read.
     */
    public static Optional<String> probeAsSandboxUser(List<String> command) {
        UserSwitch users = UserSwitch.detect();
        if (!users.available()) {
            return Optional.empty();
        }
        List<String> switched = new ArrayList<>(users.prefix(UserSwitch.nextUid()));
        // setpriv keeps root's capabilities until its own exec, so it could start a program the user may not even
        // reach; the sandbox starts the program from prlimit, as the user. env does the same here.
        HostTools.find("env").ifPresent(env -> switched.add(env.toString()));
        switched.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(switched).directory(new File("/"));
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", String.join(File.pathSeparator, SYSTEM_FOLDERS));
        environment.put("HOME", "/");
        environment.put("LANG", "C.UTF-8");
        return run(builder);
    }

    private static Optional<String> run(ProcessBuilder builder) {
        return run(builder, Duration.ofSeconds(PROBE_SECONDS));
    }

    /**
     * Runs {@code builder} and returns its trimmed stdout (at most {@link #PROBE_OUTPUT_BYTES}) when it exits with 0
     * within {@code timeout}; a probe that hangs is killed at the timeout. The output goes to a file rather than a
     * pipe, so waiting for the exit is never stuck behind a read of output that does not end.
     */
    static Optional<String> run(ProcessBuilder builder, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("qlp-probe-", ".out");
            Process process = builder.redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(output)) {
                return Optional.of(new String(in.readNBytes(PROBE_OUTPUT_BYTES), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A small file in the temp folder.
                }
            }
        }
    }
}
