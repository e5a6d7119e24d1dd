package io.qlp.validation.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a worker's stdout on a daemon thread and queues only the lines that start with the nonce the host currently
 * expects; everything else, which code under test may have printed, is dropped as it arrives. Lines are cut at
 * {@link #MAX_LINE} bytes, so a line without end cannot exhaust the host's memory.
 *
 * <p>Example: {@code lines.expect(nonce + " "); Optional<String> line = lines.next(deadlineNanos);}
 */
public final class ProtocolLines {

    /** The longest line kept, in bytes. */
    public static final int MAX_LINE = 4 * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Queued when the stream ended. */
    private static final String END = new String("end of stream");

    private final InputStream stream;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile String expected;

    private ProtocolLines(InputStream stream, String expected) {
        this.stream = stream;
        this.expected = expected;
    }

    /**
     * A fresh random nonce (128 bits, hex) that prefixes a process's protocol lines, so output its capsule prints
     * cannot pass for an answer.
     */
    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code text} as one space-free protocol field (URL-safe Base64 of its UTF-8 bytes, unpadded). */
    public static String encodeField(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of a field written by {@link #encodeField} or the worker's equivalent. */
    public static String decodeField(String field) {
        return new String(Base64.getUrlDecoder().decode(field), StandardCharsets.UTF_8);
    }

    /** Starts reading {@code stream}, keeping lines that start with {@code expected}. */
    public static ProtocolLines read(InputStream stream, String expected, String name) {
        ProtocolLines reader = new ProtocolLines(stream, expected);
        Thread thread = new Thread(reader::pump, "qlp-worker-" + name);
        thread.setDaemon(true);
        thread.start();
        return reader;
    }

    /** From now on, keeps only lines starting with {@code prefix}, and forgets lines queued so far. */
    public void expect(String prefix) {
        expected = prefix;
        lines.removeIf(line -> line != END);
    }

    /**
     * The next kept line, waiting until {@code deadlineNanos} ({@link System#nanoTime()}); empty at the deadline.
     *
     * @throws IOException when the stream ended before a line came
     */
    public Optional<String> next(long deadlineNanos) throws IOException, InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        String line = lines.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        if (line == END) {
            lines.add(END);
            throw new IOException("the worker's output ended");
        }
        return Optional.ofNullable(line);
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean cut = false;
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        offer(line, cut);
                        line.reset();
                        cut = false;
                    } else if (line.size() < MAX_LINE) {
                        line.write(b);
                    } else {
                        cut = true;
                    }
                }
            }
        } catch (IOException e) {
            // The worker was killed; the end marker below tells the host.
        } finally {
            lines.add(END);
        }
    }

    private void offer(ByteArrayOutputStream line, boolean cut) {
        String text = line.toString(StandardCharsets.UTF_8);
        if (!cut && text.startsWith(expected)) {
            lines.add(text);
        }
    }
}
