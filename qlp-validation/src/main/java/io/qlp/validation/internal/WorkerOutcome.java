package io.qlp.validation.internal;

import java.time.Duration;

/**
 * How a capsule's run in a {@link WarmWorker} ended.
 *
 * <p>Example: {@code if (outcome instanceof WorkerOutcome.Verdict v && v.recycleReason().isEmpty()) pool.giveBack(worker);}
 */
public sealed interface WorkerOutcome {

    /**
     * The worker answered.
     *
     * @param report what the JUnit Platform found and how the tests ended
     * @param succeeded tests that passed
     * @param recycleReason why the worker must not run another capsule, or empty
     */
    record Verdict(JUnitReport report, int succeeded, String recycleReason) implements WorkerOutcome {
    }

    /**
     * The worker did not answer within the timeout.
     *
     * @param timeout the capsule's wall-clock limit
     */
    record TimedOut(Duration timeout) implements WorkerOutcome {
    }

    /**
     * The worker ended before it answered.
     *
     * @param exitCode its exit code, or -1 when unknown
     * @param stderr what the JVM printed on stderr, cut
     */
    record Died(int exitCode, String stderr) implements WorkerOutcome {
    }
}
