package io.qlp.validation.internal.script;

import io.qlp.api.Finding;
import io.qlp.api.StageResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times a validation stage and formats timeouts for messages.
 *
 * <p>Example: {@code StageResult syntax = Durations.timed("syntax", () -> checker.check(files));}
 */
public final class Durations {

    private Durations() {
    }

    /** Runs {@code stage} and wraps its findings in a result carrying its duration. */
    public static StageResult timed(String name, Supplier<List<Finding>> stage) {
        long started = System.nanoTime();
        List<Finding> findings = stage.get();
        return StageResult.of(name, findings, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** {@code 1.5 s} for a duration of 1500 ms. */
    public static String seconds(Duration duration) {
        return duration.toMillis() / 1000.0 + " s";
    }
}
