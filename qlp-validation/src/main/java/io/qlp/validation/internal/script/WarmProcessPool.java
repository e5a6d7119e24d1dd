package io.qlp.validation.internal.script;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A fixed number of pre-started sandboxed processes (test JVMs, Python zygotes, Node processes waiting for their one
 * capsule). A caller {@link #borrow() borrows} one, the most recently returned first, and hands it back with
 * {@link #giveBack(AutoCloseable, boolean)}: kept for the next caller, or closed and replaced in the background. So
 * start-up happens ahead of the capsule that needs the process, off its critical path. Thread-safe: up to
 * {@code size} processes are lent at once, further callers wait.
 *
 * <p>Example:
 * <pre>{@code
 * try (WarmProcessPool<PythonZygote> pool = new WarmProcessPool<>("python-zygote", 2, () -> PythonZygote.start(spec))) {
 *     PythonZygote zygote = pool.borrow();
 *     boolean healthy = ...;
 *     pool.giveBack(zygote, healthy);
 * }
 * }</pre>
 *
 * @param <W> the process type
 */
public final class WarmProcessPool<W extends AutoCloseable> implements AutoCloseable {

    private static final Duration BORROW_LIMIT = Duration.ofMinutes(5);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private final int size;
    private final Starter<W> starter;
    /** Ready processes, or the failure of a start; returned processes go to the head, new ones to the tail. */
    private final BlockingDeque<Object> ready = new LinkedBlockingDeque<>();
    private final Set<W> live = ConcurrentHashMap.newKeySet();
    private final ExecutorService starting;
    private volatile boolean closed;

    /**
     * Starts {@code size} processes in the background.
     *
     * @param name what the processes are, for messages and thread names
     */
    public WarmProcessPool(String name, int size, Starter<W> starter) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + size);
        }
        this.name = name;
        this.size = size;
        this.starter = starter;
        this.starting = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "qlp-warm-" + name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < size; i++) {
            startOne();
        }
    }

    /** How many processes this pool keeps. */
    public int size() {
        return size;
    }

    /** One of the started processes, idle or lent, if any has started; for what all of them share. */
    public Optional<W> anyStarted() {
        return live.stream().findFirst();
    }

    /**
     * A ready process, waiting for one when all are lent or starting.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the pool is closed, the
     *     next process failed to start (the message says why), or none became free within five minutes
     */
    public W borrow() {
        if (closed) {
            throw infrastructure("the pool of warm " + name + " processes is closed", null);
        }
        Object next;
        try {
            next = ready.pollFirst(BORROW_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw infrastructure("interrupted while waiting for a warm " + name + " process", e);
        }
        if (next == null) {
            throw infrastructure("no warm " + name + " process became free within " + BORROW_LIMIT, null);
        }
        if (next instanceof Throwable failure) {
            // Try again for later callers, and tell this one why.
            startOne();
            throw infrastructure("could not start a warm " + name + " process: " + failure.getMessage(), failure);
        }
        @SuppressWarnings("unchecked")
        W process = (W) next;
        return process;
    }

    /**
     * Returns a borrowed process: kept for the next caller when {@code keep}, otherwise closed and replaced in the
     * background.
     */
    public void giveBack(W process, boolean keep) {
        if (keep && !closed) {
            ready.addFirst(process);
            return;
        }
        live.remove(process);
        closeQuietly(process);
        if (!closed) {
            startOne();
        }
    }

    private void startOne() {
        try {
            starting.execute(() -> {
                try {
                    W process = starter.start();
                    live.add(process);
                    if (closed) {
                        live.remove(process);
                        closeQuietly(process);
                    } else {
                        ready.add(process);
                    }
                } catch (IOException | RuntimeException e) {
                    ready.add(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    /** Kills every process, idle or lent, and stops starting new ones. */
    @Override
    public void close() {
        closed = true;
        starting.shutdownNow();
        try {
            starting.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.forEach(WarmProcessPool::closeQuietly);
        live.clear();
        ready.clear();
    }

    private static void closeQuietly(AutoCloseable process) {
        try {
            process.close();
        } catch (Exception e) {
            // Killing a process that is already gone.
        }
    }

    private static RetriableQlpException infrastructure(String message, @Nullable Throwable cause) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, message,
                ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), cause);
    }

    /**
     * Starts one process of the pool; called on the pool's own threads.
     *
     * <p>Example: {@code () -> PythonZygote.start(spec)}
     *
     * @param <W> the process type
     */
    @FunctionalInterface
    public interface Starter<W> {

        /** Starts a process and waits until it is ready. */
        W start() throws IOException, InterruptedException;
    }
}
