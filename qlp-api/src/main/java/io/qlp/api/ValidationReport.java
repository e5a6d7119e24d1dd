package io.qlp.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages a capsule went through and what each found. It passes when it has at least one stage and every
 * stage passed.
 *
 * <p>Example: {@code report.passed() ? "ok" : report.errors().get(0).describe()}
 *
 * @param stages stage results in the order they ran
 */
public record ValidationReport(List<StageResult> stages) {

    /** Copies the stages. */
    public ValidationReport {
        stages = List.copyOf(stages);
    }

    /** A report with no stage; it does not pass. */
    public static ValidationReport empty() {
        return new ValidationReport(List.of());
    }

    /** Whether there was at least one stage and all passed. */
    public boolean passed() {
        return !stages.isEmpty() && stages.stream().allMatch(StageResult::passed);
    }

    /** Every finding of every stage. */
    public List<Finding> findings() {
        return stages.stream().flatMap(s -> s.findings().stream()).toList();
    }

    /** The findings of severity {@link Severity#ERROR}. */
    public List<Finding> errors() {
        return stages.stream().flatMap(s -> s.findings().stream())
                .filter(f -> f.severity() == Severity.ERROR).toList();
    }

    /** A report with the stages of this one followed by those of {@code other}. */
    public ValidationReport plus(ValidationReport other) {
        List<StageResult> all = new ArrayList<>(stages);
        all.addAll(other.stages);
        return new ValidationReport(all);
    }
}
