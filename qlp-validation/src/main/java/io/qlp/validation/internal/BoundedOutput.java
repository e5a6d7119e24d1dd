package io.qlp.validation.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process stream on its own daemon thread, keeping the first {@code limit} bytes and discarding the rest,
 * so a chatty process never blocks on a full pipe.
 *
 * <p>Example: {@code BoundedOutput out = BoundedOutput.drain(process.getInputStream(), 65536, "stdout");}
 */
public final class BoundedOutput {

    private final InputStream stream;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private long total;

    private BoundedOutput(InputStream stream, int limit, String name) {
        this.stream = stream;
        this.limit = limit;
        this.thread = new Thread(this::pump, "qlp-sandbox-" + name);
        // Daemon: a background process that keeps the pipe open must not keep the JVM alive.
        this.thread.setDaemon(true);
    }

    /** Starts draining {@code stream}, keeping at most {@code limit} bytes. */
    public static BoundedOutput drain(InputStream stream, int limit, String name) {
        BoundedOutput output = new BoundedOutput(stream, limit, name);
        output.thread.start();
        return output;
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                synchronized (this) {
                    int room = Math.max(0, limit - kept.size());
                    kept.write(buffer, 0, Math.min(room, read));
                    total += read;
                }
            }
        } catch (IOException e) {
            // The stream was closed under us; what was read so far is the output.
        }
    }

    /** Waits up to {@code millis} for the stream to end; returns whether it ended. */
    public boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    /** The kept bytes as UTF-8 text. */
    public synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    /** Whether more bytes arrived than were kept. */
    public synchronized boolean truncated() {
        return total > kept.size();
    }

    /** How many bytes arrived in all. */
    public synchronized long totalBytes() {
        return total;
    }
}
