package io.qlp.validation;

import java.time.Duration;
import java.util.List;

/**
 * Counts processes of this machine that a capsule left behind, by a marker argument it gave them.
 *
 * <p>Example: {@code assertThat(SurvivingProcesses.withArgument("4713")).isZero();}
 */
final class SurvivingProcesses {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private SurvivingProcesses() {
    }

    /** The processes with {@code marker} among their arguments, after up to 10 s for their killing to finish. */
    static long withArgument(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        long count;
        do {
            count = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(marker))
                    .count();
            if (count > 0) {
                Thread.sleep(200);
            }
        } while (count > 0 && System.nanoTime() < deadline);
        return count;
    }
}
