package io.qlp.validation.ecosystem;

/**
 * Whether a run passed a project folder, and what it said, for the message of a failed assertion.
 *
 * <p>Example: {@code new RunVerdict(false, "exit 1: 1 failed, 3 passed")}
 *
 * @param passed whether the folder passed
 * @param evidence exit code and the end of the output, or the findings
 */
record RunVerdict(boolean passed, String evidence) {

    /** {@code PASS} or {@code FAIL}. */
    String word() {
        return passed ? "PASS" : "FAIL";
    }

    @Override
    public String toString() {
        return word() + " (" + evidence + ")";
    }
}
