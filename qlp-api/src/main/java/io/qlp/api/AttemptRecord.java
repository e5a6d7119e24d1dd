package io.qlp.api;

import java.util.List;
import java.util.Objects;

/**
 * One attempt of the generate-validate-repair loop, kept in the capsule so a reader sees how it got there: which tier
 * answered, why, and which errors sent the loop into another round.
 *
 * <p>Example: {@code new AttemptRecord(1, Tier.T0, false, 2, "initial route: simple request", report.errors())}
 *
 * @param number 1-based attempt number
 * @param tier the tier whose model answered
 * @param passed whether validation passed
 * @param errorCount error findings of this attempt
 * @param reason why this tier was used for this attempt
 * @param errors the attempt's first {@value #MAX_KEPT_ERRORS} error findings (all of them when fewer), which the
 *     repair prompt of the next attempt quoted; empty for a passing attempt and in capsules written before this field
 */
public record AttemptRecord(int number, Tier tier, boolean passed, int errorCount, String reason,
                            List<Finding> errors) {

    /** Most error findings an attempt keeps; {@link #errorCount()} still counts them all. */
    public static final int MAX_KEPT_ERRORS = 20;

    /** Rejects nulls and a non-positive number; keeps a copy of at most {@value #MAX_KEPT_ERRORS} errors. */
    public AttemptRecord {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(reason, "reason");
        if (number < 1) {
            throw new IllegalArgumentException("attempt number must be positive: " + number);
        }
        // Capsules stored before this field existed read back with no errors.
        errors = errors == null ? List.of() : List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_KEPT_ERRORS)));
    }

    /** An attempt whose findings are not kept, such as one whose answer had no files. */
    public AttemptRecord(int number, Tier tier, boolean passed, int errorCount, String reason) {
        this(number, tier, passed, errorCount, reason, List.of());
    }
}
