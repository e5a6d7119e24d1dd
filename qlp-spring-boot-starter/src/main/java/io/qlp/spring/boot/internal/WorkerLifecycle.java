package io.qlp.spring.boot.internal;

import io.qlp.core.orchestration.TemporalCapsuleWorker;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the capsule worker once the context is ready, and stops it first on shutdown, so that no workflow task
 * arrives before the beans it needs exist or after they are gone.
 *
 * <p>Example: {@code new WorkerLifecycle(worker)} as a bean.
 */
public final class WorkerLifecycle implements SmartLifecycle {

    private final TemporalCapsuleWorker worker;
    private volatile boolean running;

    /** Controls {@code worker}. */
    public WorkerLifecycle(TemporalCapsuleWorker worker) {
        this.worker = worker;
    }

    @Override
    public void start() {
        worker.start();
        running = true;
    }

    @Override
    public void stop() {
        worker.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
