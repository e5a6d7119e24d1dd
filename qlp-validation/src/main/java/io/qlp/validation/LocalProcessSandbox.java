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
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.Folders;
import io.qlp.validation.internal.ProcessTree;
import io.qlp.validation.internal.UserSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Sandbox} that runs each command as a separate OS process on this machine, as QLP's own user unless
 * {@link Builder#dropPrivileges(boolean)} is set:
 * <ul>
 *   <li>without network, through {@code unshare -n}, when the machine allows it (probed once per JVM); otherwise the
 *       result says {@code networkIsolated=false} and carries a note;</li>
 *   <li>in a PID namespace of its own where the machine allows it, so it sees no host process and every process it
 *       starts dies with it;</li>
 *   <li>optionally ({@link Builder#dropPrivileges(boolean)}) as an unprivileged user of its own, which makes the
 *       process-count limit apply and keeps root's files out of reach;</li>
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

    private final ConfinedCommand.Options options;
    private final boolean limitAddressSpace;
    /** The user every run takes, when this sandbox serves the runs of one folder; otherwise each run gets its own. */
    private final OptionalInt sharedUid;
    /** Gets that user before each run, to hand it the files around the working folder. */
    private final IntConsumer beforeRun;

    private LocalProcessSandbox(Builder builder) {
        this(new ConfinedCommand.Options(
                builder.isolateNetwork == null || builder.isolateNetwork,
                builder.isolateProcesses == null || builder.isolateProcesses,
                builder.dropPrivileges != null && builder.dropPrivileges,
                builder.maxOpenFiles == null ? Builder.DEFAULT_MAX_OPEN_FILES : builder.maxOpenFiles),
                builder.limitAddressSpace != null && builder.limitAddressSpace, OptionalInt.empty(), uid -> { });
    }

    private LocalProcessSandbox(ConfinedCommand.Options options, boolean limitAddressSpace, OptionalInt sharedUid,
                                IntConsumer beforeRun) {
        this.options = options;
        this.limitAddressSpace = limitAddressSpace;
        this.sharedUid = sharedUid;
        this.beforeRun = beforeRun;
    }

    /** The confinements this sandbox asks for; what the machine grants is probed per run. */
    ConfinedCommand.Options options() {
        return options;
    }

    /** Whether runs switch to an unprivileged user: this sandbox asks for it and the machine allows it. */
    boolean switchesUsers() {
        return options.switchUser() && UserSwitch.detect().available();
    }

    /** This sandbox with the same confinement, except that its runs keep the host's user. */
    LocalProcessSandbox asHostUser() {
        ConfinedCommand.Options hostUser = new ConfinedCommand.Options(options.isolateNetwork(),
                options.isolateProcesses(), false, options.maxOpenFiles());
        return new LocalProcessSandbox(hostUser, limitAddressSpace, OptionalInt.empty(), uid -> { });
    }

    /**
     * This sandbox for the runs of one validation: when it switches users, every run is made as {@code uid}, and
     * {@code handOver} gets that id before each run to give the user the files around the working folder (such as a
     * report folder beside it), which the sandbox alone does not hand over.
     */
    LocalProcessSandbox sharingUser(int uid, IntConsumer handOver) {
        return new LocalProcessSandbox(options, limitAddressSpace, OptionalInt.of(uid), handOver);
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
        ConfinedCommand confined;
        try {
            IntSupplier uids = UserSwitch::nextUid;
            if (sharedUid.isPresent()) {
                uids = sharedUid::getAsInt;
                if (switchesUsers()) {
                    beforeRun.accept(sharedUid.getAsInt());
                }
            }
            confined = ConfinedCommand.of(request.command(), workDir, privateTmp, request.limits(), options,
                    addressSpace(request, notes), request.environment(), uids);
        } catch (IOException e) {
            throw infrastructure("could not hand '" + workDir + "' to the sandbox user: " + e.getMessage(), e);
        }
        notes.addAll(confined.notes());
        ProcessBuilder builder = confined.applyTo(new ProcessBuilder()).directory(workDir.toFile());

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
        return new SandboxResult(exitCode, stdout.text(), stderr.text(), timedOut, millis,
                confined.networkIsolated(), notes);
    }

    private OptionalLong addressSpace(SandboxRequest request, List<String> notes) {
        if (!limitAddressSpace) {
            return OptionalLong.empty();
        }
        if (isJava(request.command().get(0))) {
            // A JVM reserves far more address space than it uses; its heap is bounded by -Xmx instead.
            notes.add("address space not limited for a JVM; its memory is bounded by the -Xmx it is given");
            return OptionalLong.empty();
        }
        return OptionalLong.of(request.limits().memoryBytes());
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
        private @Nullable Boolean isolateProcesses;
        private @Nullable Boolean dropPrivileges;
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
         * Whether to give each command a PID namespace of its own (with the network namespace, where the machine
         * allows): it sees only its own processes, and all of them die with it; default true.
         */
        public Builder isolateProcesses(boolean isolate) {
            requireUnset(isolateProcesses, "isolateProcesses");
            this.isolateProcesses = isolate;
            return this;
        }

        /**
         * Whether to run each command as an unprivileged user id of its own (through {@code setpriv}) when QLP runs
         * as root; default false for this general-purpose sandbox, while the Java, Python and JavaScript validators'
         * own default sandboxes set it. It makes the process-count limit apply (Linux exempts root) and keeps root's
         * files, such as {@code ~/.ssh}, unreadable, but the program and everything it reads must then be readable by
         * any user: tools installed under root's home (pyenv, nvm) are not, and the script validators fall back to
         * the host's user for those, saying so in their reports. The working folder is handed to that user. When
         * QLP does not run as root, or no {@code setpriv} works, commands run as QLP's user and the result's notes
         * say so.
         */
        public Builder dropPrivileges(boolean drop) {
            requireUnset(dropPrivileges, "dropPrivileges");
            this.dropPrivileges = drop;
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
