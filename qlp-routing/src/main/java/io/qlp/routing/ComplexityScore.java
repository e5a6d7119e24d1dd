package io.qlp.routing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A request's complexity: a value in [0, 1] and the signals that raised it, strongest first.
 *
 * <p>Example:
 * <pre>{@code
 * ComplexityScore score = ComplexityRouter.create().score(request);
 * System.out.println(score); // complexity 0.41: concurrency, persistence
 * }</pre>
 *
 * @param value the weighted sum of the signals, in [0, 1]; the router rounds it to two decimals
 * @param signals names of the signals that contributed, strongest first, such as {@code concurrency}
 */
public record ComplexityScore(double value, List<String> signals) {

    /** Rejects values outside [0, 1] and copies the signals. */
    public ComplexityScore {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("complexity must be within [0, 1]: " + value);
        }
        signals = List.copyOf(Objects.requireNonNull(signals, "signals"));
    }

    /** The value and at most {@code limit} signals, such as {@code complexity 0.41: concurrency, persistence}. */
    public String describe(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        String top = signals.isEmpty() ? "no signals" : String.join(", ", signals.subList(0, Math.min(limit,
                signals.size())));
        return String.format(Locale.ROOT, "complexity %.2f: %s", value, top);
    }

    @Override
    public String toString() {
        return describe(Math.max(1, signals.size()));
    }
}
