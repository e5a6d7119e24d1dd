package io.qlp.validation.internal;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.validation.internal.script.WarmProcessPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A fixed number of warm test JVMs ({@link WarmWorker}) in a {@link WarmProcessPool}. Each capsule borrows one, the
 * most recently used first, whose JIT-compiled JUnit code is the hottest; the worker goes back when it answered and
 * reported no change to the JVM, and is killed and replaced (in the background) after a timeout, a crash or exit, a
 * leak, or {@link WorkerSpec#maxCapsules()} capsules. Thread-safe: up to {@code size} capsules run at once, the
 * others wait.
 *
 * <p>Example: {@code try (WarmJvmPool pool = new WarmJvmPool(spec, 2)) { pool.run(List.of(jar), project, classes, timeout); }}
 */
public final class WarmJvmPool implements AutoCloseable {

    private final WorkerSpec spec;
    private final WarmProcessPool<WarmWorker> workers;

    /** Starts {@code size} workers in the background. */
    public WarmJvmPool(WorkerSpec spec, int size) {
        this.spec = spec;
        this.workers = new WarmProcessPool<>("test-jvm", size, () -> WarmWorker.start(spec));
    }

    /** How many workers this pool keeps. */
    public int size() {
        return workers.size();
    }

    /**
     * Runs a capsule's tests in a worker, in a working folder holding the files of {@code project}; the class path
     * is the capsule's jar, then its dependency jars.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when no worker starts
     */
    public WorkerOutcome run(List<Path> classpath, Path project, List<String> testClasses, Duration timeout) {
        WarmWorker worker = workers.borrow();
        boolean keep = false;
        try {
            WorkerOutcome outcome = worker.run(classpath, project, testClasses, timeout);
            keep = outcome instanceof WorkerOutcome.Verdict verdict && verdict.recycleReason().isEmpty()
                    && worker.served() < spec.maxCapsules();
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "interrupted while the tests ran",
                    ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), e);
        } finally {
            workers.giveBack(worker, keep);
        }
    }

    /** The notes of a started worker's confinement, such as guarantees this machine does not give. */
    public List<String> notes() {
        return workers.anyStarted().map(WarmWorker::notes).orElse(List.of());
    }

    /** Kills every worker, idle or busy, and stops starting new ones. */
    @Override
    public void close() {
        workers.close();
    }
}
