package io.qlp.validation;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.SandboxRequest;
import io.qlp.api.spi.SandboxResult;
import io.qlp.validation.internal.BoundedOutput;
import io.qlp.validation.internal.Folders;
import io.qlp.validation.internal.HostTools;
import io.qlp.validation.internal.NetworkIsolation;
import io.qlp.validation.internal.ProcessTree;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Sandbox} that runs each command as a separate OS process on this machine:
 * <ul>
 *   <li>without network, through {@code unshare -n}, when the machine allows it (probed once per JVM); otherwise the
 *       result says {@code networkIsolated=false} and carries a note;</li>
 *   <li>under {@code prlimit} limits for CPU seconds, file size, open files and processes, and optionally address
 *       space (never for {@code java}, whose heap the caller bounds with {@code -Xmx});</li>
 *   <li>with a wall-clock timeout that kills the whole process tree;</li>
 *   <li>with an environment holding only {@code PATH}, {@code HOME} (the working folder), {@code LANG},
 *       {@code TMPDIR} (a private folder inside the working folder, removed afterwards) and the request's variables;</li>
 *   <li>with stdout and stderr read concurrently and cut at {@link ResourceLimits#maxOutputBytes()}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>{@code
 * Sandbox sandbox = LocalProcessSandbox.builder().maxOpenFiles(256).build();
 * SandboxResult result = sandbox.run(new SandboxRequest(List.of("sh", "-c", "echo hi"), workDir,
 *     Duration.ofSeconds(10), ResourceLimits.defaults(), Map.of()));
 * }</pre>
 */
public final class LocalProcessSandbox implements Sandbox {

    /** The name this sandbox and its factory are known by. */
    public static final String NAME = "local-process";

    private static final long STREAM_GRACE_MILLIS = 2000;

    private final boolean isolateNetwork;
    private final boolean limitAddressSpace;
    private final int maxOpenFiles;

    private LocalProcessSandbox(Builder builder) {
        this.isolateNetwork = builder.isolateNetwork == null || builder.isolateNetwork;
        this.limitAddressSpace = builder.limitAddressSpace != null && builder.limitAddressSpace;
        this.maxOpenFiles = builder.maxOpenFiles == null ? Builder.DEFAULT_MAX_OPEN_FILES : builder.maxOpenFiles;
    }

    /** A sandbox with the defaults: network isolated where possible, no address-space limit, 1024 open files. */
    public static LocalProcessSandbox create() {
        return builder().build();
    }

    /** A builder with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        Path workDir = request.workingDirectory().toAbsolutePath();
        if (!Files.isDirectory(workDir)) {
            throw infrastructure("working directory '" + workDir + "' does not exist", null);
        }
        List<String> notes = new ArrayList<>();
        Path privateTmp = createPrivateTmp(workDir);
        try {
            return execute(request, workDir, privateTmp, notes);
        } finally {
            deleteQuietly(privateTmp);
        }
    }

    private SandboxResult execute(SandboxRequest request, Path workDir, Path privateTmp, List<String> notes) {
        NetworkIsolation isolation = isolateNetwork ? NetworkIsolation.detect() : null;
        boolean networkIsolated = isolation != null && isolation.available();
        if (isolation == null) {
            notes.add("network isolation was turned off for this sandbox; the command had network access");
        } else if (!networkIsolated) {
            notes.add("network not isolated: 'unshare -n' does not work on this machine ("
                    + isolation.unavailableReason() + "); the command had network access");
        }
        List<String> command = new ArrayList<>();
        if (networkIsolated) {
            command.addAll(isolation.prefix());
        }
        command.addAll(limitPrefix(request, notes));
        command.addAll(request.command());

        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", safePath());
        environment.put("HOME", workDir.toString());
        environment.put("LANG", "C.UTF-8");
        environment.put("TMPDIR", privateTmp.toString());
        environment.putAll(request.environment());

        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw infrastructure("could not start '" + request.command().get(0) + "': " + e.getMessage(), e);
        }
        int maxOutput = request.limits().maxOutputBytes();
        BoundedOutput stdout = BoundedOutput.drain(process.getInputStream(), maxOutput, "stdout");
        BoundedOutput stderr = BoundedOutput.drain(process.getErrorStream(), maxOutput, "stderr");
        closeQuietly(process);

        boolean timedOut = waitOrKill(process, request);
        if (timedOut) {
            notes.add("killed with its child processes after the timeout of " + request.timeout());
        }
        awaitStreams(stdout, stderr, notes);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        noteTruncation(stdout, "stdout", maxOutput, notes);
        noteTruncation(stderr, "stderr", maxOutput, notes);
        int exitCode = timedOut ? -1 : process.exitValue();
        return new SandboxResult(exitCode, stdout.text(), stderr.text(), timedOut, millis, networkIsolated, notes);
    }

    private List<String> limitPrefix(SandboxRequest request, List<String> notes) {
        Optional<Path> prlimit = HostTools.find("prlimit");
        if (prlimit.isEmpty()) {
            notes.add("resource limits not enforced: no 'prlimit' program on this machine");
            return List.of();
        }
        ResourceLimits limits = request.limits();
        List<String> prefix = new ArrayList<>();
        prefix.add(prlimit.get().toString());
        prefix.add("--cpu=" + limits.cpuSeconds());
        prefix.add("--fsize=" + limits.maxFileBytes());
        prefix.add("--nofile=" + maxOpenFiles);
        prefix.add("--nproc=" + limits.maxProcesses());
        if (limitAddressSpace) {
            if (isJava(request.command().get(0))) {
                // A JVM reserves far more address space than it uses; its heap is bounded by -Xmx instead.
                notes.add("address space not limited for a JVM; its memory is bounded by the -Xmx it is given");
            } else {
                prefix.add("--as=" + limits.memoryBytes());
            }
        }
        prefix.add("--");
        return prefix;
    }

    private static boolean isJava(String program) {
        Path fileName = Path.of(program).getFileName();
        return fileName != null && fileName.toString().equals("java");
    }

    private static boolean waitOrKill(Process process, SandboxRequest request) {
        try {
            if (process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            ProcessTree.kill(process);
            return true;
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw infrastructure("interrupted while waiting for '" + request.command().get(0) + "'", e);
        }
    }

    private static void awaitStreams(BoundedOutput stdout, BoundedOutput stderr, List<String> notes) {
        try {
            boolean ended = stdout.await(STREAM_GRACE_MILLIS) & stderr.await(STREAM_GRACE_MILLIS);
            if (!ended) {
                notes.add("output may be incomplete: a background process kept stdout or stderr open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add("output may be incomplete: interrupted while reading it");
        }
    }

    private static void noteTruncation(BoundedOutput output, String name, int limit, List<String> notes) {
        if (output.truncated()) {
            notes.add(name + " cut at " + limit + " bytes of " + output.totalBytes());
        }
    }

    /** The java running QLP first, so {@code java} means the same JDK inside the sandbox, then the system folders. */
    private static String safePath() {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        return String.join(File.pathSeparator, javaBin.toString(), "/usr/local/bin", "/usr/bin", "/bin");
    }

    private static Path createPrivateTmp(Path workDir) {
        try {
            return Files.createTempDirectory(workDir, ".sandbox-tmp-");
        } catch (IOException e) {
            throw infrastructure("could not create a temporary folder in '" + workDir + "': " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The process gets no input either way.
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            // The folder lives inside the caller's working folder, which the caller removes.
        }
    }

    private static RetriableQlpException infrastructure(String message, @Nullable Throwable cause) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, message,
                ErrorContext.empty().withStage(Stage.VALIDATE), Map.of("sandbox", NAME), cause);
    }

    /**
     * Configures a {@link LocalProcessSandbox}. Each option may be set once.
     *
     * <p>Example: {@code LocalProcessSandbox.builder().isolateNetwork(false).build()}
     */
    public static final class Builder {

        static final int DEFAULT_MAX_OPEN_FILES = 1024;

        private @Nullable Boolean isolateNetwork;
        private @Nullable Boolean limitAddressSpace;
        private @Nullable Integer maxOpenFiles;

        private Builder() {
        }

        /** Whether to run commands without network where the machine allows it; default true. */
        public Builder isolateNetwork(boolean isolate) {
            requireUnset(isolateNetwork, "isolateNetwork");
            this.isolateNetwork = isolate;
            return this;
        }

        /**
         * Whether to limit the address space of commands that are not {@code java} to
         * {@link ResourceLimits#memoryBytes()}; default false, because runtimes such as Node reserve large address
         * ranges they never use.
         */
        public Builder limitAddressSpace(boolean limit) {
            requireUnset(limitAddressSpace, "limitAddressSpace");
            this.limitAddressSpace = limit;
            return this;
        }

        /** The most files a command may have open at once; default 1024. */
        public Builder maxOpenFiles(int files) {
            requireUnset(maxOpenFiles, "maxOpenFiles");
            if (files < 16) {
                throw new IllegalArgumentException("maxOpenFiles must be at least 16: " + files);
            }
            this.maxOpenFiles = files;
            return this;
        }

        /** Builds the sandbox. */
        public LocalProcessSandbox build() {
            return new LocalProcessSandbox(this);
        }

        private static void requireUnset(@Nullable Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set to " + current);
            }
        }
    }
}
