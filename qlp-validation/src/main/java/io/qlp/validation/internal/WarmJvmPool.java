package io.qlp.validation.internal;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of warm test JVMs ({@link WarmWorker}). Each capsule borrows one, the most recently used first; the worker goes back when it
 * answered and reported no change to the JVM, and is killed and replaced (in the background) after a timeout, a
 * crash or exit, a leak, or {@link WorkerSpec#maxCapsules()} capsules. Thread-safe: up to {@code size} capsules run
 * at once, the others wait.
 *
 * <p>Example: {@code try (WarmJvmPool pool = new WarmJvmPool(spec, 2)) { pool.run(jar, classes, timeout); }}
 */
public final class WarmJvmPool implements AutoCloseable {

    private static final Duration BORROW_LIMIT = Duration.ofMinutes(5);

    private final WorkerSpec spec;
    private final int size;
    /**
     * Ready workers, or the failure of a start. A worker that served goes back to the head and is lent first: its
     * JIT-compiled JUnit code is the hottest. New workers and failures join the tail.
     */
    private final BlockingDeque<Object> ready = new LinkedBlockingDeque<>();
    private final Set<WarmWorker> live = ConcurrentHashMap.newKeySet();
    private final ExecutorService starter;
    private volatile boolean closed;

    /** Starts {@code size} workers in the background. */
    public WarmJvmPool(WorkerSpec spec, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + size);
        }
        this.spec = spec;
        this.size = size;
        this.starter = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "qlp-warm-jvm-starter");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < size; i++) {
            startOne();
        }
    }

    /** How many workers this pool keeps. */
    public int size() {
        return size;
    }

    /**
     * Runs a capsule's tests in a worker.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when no worker starts
     */
    public WorkerOutcome run(Path jar, List<String> testClasses, Duration timeout) {
        WarmWorker worker = borrow();
        boolean keep = false;
        try {
            WorkerOutcome outcome = worker.run(jar, testClasses, timeout);
            keep = outcome instanceof WorkerOutcome.Verdict verdict && verdict.recycleReason().isEmpty()
                    && worker.served() < spec.maxCapsules();
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw infrastructure("interrupted while the tests ran", e);
        } finally {
            if (keep && !closed) {
                ready.addFirst(worker);
            } else {
                retire(worker);
            }
        }
    }

    /** The notes of a ready worker's confinement, such as guarantees this machine does not give. */
    public List<String> notes() {
        return live.stream().findFirst().map(WarmWorker::notes).orElse(List.of());
    }

    private WarmWorker borrow() {
        if (closed) {
            throw infrastructure("the warm JVM pool is closed", null);
        }
        Object next;
        try {
            next = ready.pollFirst(BORROW_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw infrastructure("interrupted while waiting for a test JVM", e);
        }
        if (next == null) {
            throw infrastructure("no test JVM became free within " + BORROW_LIMIT, null);
        }
        if (next instanceof WarmWorker worker) {
            return worker;
        }
        // A failed start: try again for later callers, and tell this one why.
        startOne();
        Throwable failure = (Throwable) next;
        throw infrastructure("could not start a test JVM: " + failure.getMessage(), failure);
    }

    private void retire(WarmWorker worker) {
        live.remove(worker);
        worker.close();
        if (!closed) {
            startOne();
        }
    }

    private void startOne() {
        try {
            starter.execute(() -> {
                try {
                    WarmWorker worker = WarmWorker.start(spec);
                    live.add(worker);
                    if (closed) {
                        live.remove(worker);
                        worker.close();
                    } else {
                        ready.add(worker);
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

    /** Kills every worker, idle or busy, and stops starting new ones. */
    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
        try {
            starter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WarmWorker worker : live) {
            worker.close();
        }
        live.clear();
        ready.clear();
    }

    private static RetriableQlpException infrastructure(String message, Throwable cause) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, message,
                ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), cause);
    }
}
