package io.qlp.api;

/**
 * How a generation ended.
 *
 * <p>Example: {@code capsule.status() == CapsuleStatus.VALIDATED}
 */
public enum CapsuleStatus {
    /** Every validation stage passed. */
    VALIDATED,
    /** Validation still failed after the last attempt. */
    FAILED_VALIDATION,
    /** The model returned the same files twice in a row, so repairing further would only spend money. */
    NO_PROGRESS
}
