package io.qlp.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a separate JVM with this JVM's class path, its output going to a file; {@link #kill()} is
 * {@code kill -9} of it and everything it started. Test fixture only.
 *
 * <p>Example:
 * <pre>{@code
 * try (JvmProcess worker = JvmProcess.start(WorkerMain.class, List.of(config.toString()), log)) {
 *     worker.kill();
 * }
 * }</pre>
 */
public final class JvmProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JvmProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code main} with {@code args}; stdout and stderr go to {@code log}. */
    public static JvmProcess start(String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new JvmProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free TCP port on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something listens on 127.0.0.1:{@code port}, or fails after {@code timeout}. */
    public void awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process ended with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after " + timeout + "; see " + log);
    }

    /** Waits until the log contains {@code text}, or fails after {@code timeout}. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("process ended with " + process.exitValue() + " before printing '"
                        + text + "'; its output:\n" + tail());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no '" + text + "' after " + timeout + "; its output:\n" + tail());
    }

    /** The last 4,000 characters the process printed. */
    public String tail() {
        try {
            String output = java.nio.file.Files.readString(log);
            return output.length() <= 4_000 ? output : output.substring(output.length() - 4_000);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

        /** Whether the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9} of the process and all its descendants, waiting until the process is gone. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived kill -9");
        }
    }

    /** Kills it if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() || process.toHandle().descendants().findAny().isPresent()) {
            kill();
        }
    }
}
