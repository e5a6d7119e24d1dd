package io.qlp.api;

import java.util.Objects;

/**
 * One attempt of the generate-validate-repair loop, kept in the capsule so a reader sees how it got there.
 *
 * <p>Example: {@code new AttemptRecord(1, Tier.T0, false, 2, "initial route: simple request")}
 *
 * @param number 1-based attempt number
 * @param tier the tier whose model answered
 * @param passed whether validation passed
 * @param errorCount error findings of this attempt
 * @param reason why this tier was used for this attempt
 */
public record AttemptRecord(int number, Tier tier, boolean passed, int errorCount, String reason) {

    /** Rejects nulls and a non-positive number. */
    public AttemptRecord {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(reason, "reason");
        if (number < 1) {
            throw new IllegalArgumentException("attempt number must be positive: " + number);
        }
    }
}
