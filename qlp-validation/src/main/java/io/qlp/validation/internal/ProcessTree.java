package io.qlp.validation.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a process and every process it started.
 *
 * <p>Example: {@code ProcessTree.kill(process);}
 */
public final class ProcessTree {

    private static final int ROUNDS = 3;

    private ProcessTree() {
    }

    /**
     * Kills {@code process} and its descendants with SIGKILL and waits briefly for the root to end. Descendants are
     * listed before each round, because once the root dies its children are re-parented and can no longer be found.
     */
    public static void kill(Process process) {
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (descendants.isEmpty() && !process.isAlive()) {
                return;
            }
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
