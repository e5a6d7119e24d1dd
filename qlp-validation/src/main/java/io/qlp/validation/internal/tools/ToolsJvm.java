package io.qlp.validation.internal.tools;

import io.qlp.api.CapsuleFile;
import io.qlp.api.StageResult;
import io.qlp.validation.internal.BoundedOutput;
import io.qlp.validation.internal.CompiledClasses;
import io.qlp.validation.internal.Folders;
import io.qlp.validation.internal.InMemoryCompiler;
import io.qlp.validation.internal.JavaToolStages;
import io.qlp.validation.internal.ProcessTree;
import io.qlp.validation.internal.StaticAnalysis;
import io.qlp.validation.internal.SyntaxChecker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One tools JVM ({@link ToolsServer}) and the host's end of its protocol. A call that does not finish within its
 * limit kills the JVM (a watchdog), so a hung compiler never blocks the host; the caller then sees an
 * {@link IOException} and {@link #timedOut()}. Not thread-safe: the pool lends a tools JVM to one validation at a time.
 *
 * <p>Example: {@code try (ToolsJvm tools = ToolsJvm.start(command, Duration.ofSeconds(60))) { tools.check(1, sources, List.of(), true, limit); }}
 */
final class ToolsJvm implements AutoCloseable {

    private static final int STDERR_KEPT = 16 * 1024;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "qlp-tools-jvm-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final BoundedOutput stderr;
    private final Path folder;
    private volatile boolean timedOut;

    private ToolsJvm(Process process, BoundedOutput stderr, Path folder) {
        this.process = process;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.stderr = stderr;
        this.folder = folder;
    }

    /**
     * Starts a tools JVM in a new empty folder and waits until it is warm.
     *
     * @throws IOException when it does not start or become ready within {@code startTimeout}
     */
    static ToolsJvm start(List<String> command, Duration startTimeout) throws IOException {
        Path folder = Files.createTempDirectory("qlp-tools-jvm-");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).start();
        } catch (IOException e) {
            Folders.deleteRecursively(folder);
            throw e;
        }
        ToolsJvm jvm = new ToolsJvm(process, BoundedOutput.drain(process.getErrorStream(), STDERR_KEPT,
                "tools-jvm-stderr"), folder);
        try {
            long ready = jvm.within(startTimeout, jvm.in::readLong);
            if (ready != ToolsProtocol.READY) {
                throw new IOException("the tools JVM answered " + Long.toHexString(ready) + " instead of READY");
            }
            return jvm;
        } catch (IOException e) {
            String why = jvm.stderrText();
            jvm.close();
            throw new IOException("the tools JVM did not become ready within " + startTimeout + ": "
                    + e.getMessage() + (why.isEmpty() ? "" : "; stderr: " + why), e);
        }
    }

    /**
     * Sends a request and reads the syntax and compile stages.
     *
     * @throws ToolsFailedException when the tools failed on these sources; the JVM may serve again
     * @throws IOException when the JVM died, hung past {@code limit} (then {@link #timedOut()}) or broke the protocol
     */
    JavaToolStages.Checked check(long id, List<CapsuleFile> sources, List<Path> dependencies, boolean analyse,
                                 Duration limit) throws IOException {
        return within(limit, () -> {
            ToolsProtocol.writeRequest(out, id, analyse, dependencies, sources);
            expectAnswer(id, ToolsProtocol.CHECKED);
            long syntaxMillis = in.readLong();
            StageResult syntax = StageResult.of(SyntaxChecker.STAGE, ToolsProtocol.readFindings(in), syntaxMillis);
            if (!in.readBoolean()) {
                return new JavaToolStages.Checked(syntax, null, null);
            }
            long compileMillis = in.readLong();
            CompiledClasses compiled = ToolsProtocol.readCompiled(in);
            return new JavaToolStages.Checked(syntax,
                    StageResult.of(InMemoryCompiler.STAGE, compiled.findings(), compileMillis), compiled);
        });
    }

    /**
     * Reads the static stage of request {@code id}, which {@link #check} sent with {@code analyse}.
     *
     * @throws ToolsFailedException when the tools failed on these sources; the JVM may serve again
     * @throws IOException as {@link #check}
     */
    StageResult analysis(long id, Duration limit) throws IOException {
        return within(limit, () -> {
            expectAnswer(id, ToolsProtocol.ANALYSED);
            long millis = in.readLong();
            return StageResult.of(StaticAnalysis.STAGE, ToolsProtocol.readFindings(in), millis);
        });
    }

    /** The process id of the JVM. */
    long pid() {
        return process.pid();
    }

    /** Whether the watchdog killed this JVM because a call ran past its limit. */
    boolean timedOut() {
        return timedOut;
    }

    /** What the JVM wrote to stderr, cut to the last few kilobytes. */
    String stderrText() {
        return stderr.text().strip();
    }

    private void expectAnswer(long id, byte kind) throws IOException {
        long answered = in.readLong();
        if (answered != id) {
            throw new IOException("the tools JVM answered request " + answered + " instead of " + id);
        }
        byte actual = in.readByte();
        if (actual == ToolsProtocol.FAILED) {
            throw new ToolsFailedException(ToolsProtocol.readString(in));
        }
        if (actual != kind) {
            throw new IOException("the tools JVM sent an answer of kind " + actual + " instead of " + kind);
        }
    }

    private <T> T within(Duration limit, Call<T> call) throws IOException {
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut = true;
            ProcessTree.kill(process);
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return call.run();
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Ends the JVM and removes its folder. */
    @Override
    public void close() {
        ProcessTree.kill(process);
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            // An empty folder under the system temp folder.
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    /** The tools JVM answered that its tools failed on the request's sources; the JVM itself is fine. */
    static final class ToolsFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        ToolsFailedException(String message) {
            super(message);
        }
    }
}
