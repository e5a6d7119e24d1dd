package io.qlp.core.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Temporal's test server ({@code io.temporal:temporal-test-server}) in a separate JVM on 127.0.0.1, started from
 * this JVM's class path, which must hold the test server. Test fixture only.
 *
 * <p>Example:
 * <pre>{@code
 * try (TemporalTestServerProcess temporal = TemporalTestServerProcess.start(logFile)) {
 *     String target = temporal.target();    // 127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class TemporalTestServerProcess implements AutoCloseable {

    private final JvmProcess process;
    private final int port;

    private TemporalTestServerProcess(JvmProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on a free port and waits until it listens (about a second). */
    public static TemporalTestServerProcess start(Path log) throws InterruptedException {
        int port = JvmProcess.freePort();
        JvmProcess process = JvmProcess.start("io.temporal.testserver.TestServer", List.of(String.valueOf(port)),
                log);
        try {
            process.awaitListening(port, Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
        return new TemporalTestServerProcess(process, port);
    }

    /** {@code 127.0.0.1:PORT}, the value of {@code qlp.temporal.target}. */
    public String target() {
        return "127.0.0.1:" + port;
    }

    /** Stops the server. */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
