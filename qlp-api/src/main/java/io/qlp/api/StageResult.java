package io.qlp.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one validation stage.
 *
 * <p>Example: {@code StageResult.of("compile", List.of(), 120)} is a passed stage.
 *
 * @param name stage name, such as {@code syntax}, {@code compile} or {@code test}
 * @param passed whether the stage passed
 * @param findings what it found, errors and others
 * @param millis how long it took
 */
public record StageResult(String name, boolean passed, List<Finding> findings, long millis) {

    /** Copies the findings. */
    public StageResult {
        Objects.requireNonNull(name, "name");
        findings = List.copyOf(findings);
    }

    /** A stage that passed exactly when it has no {@link Severity#ERROR} finding. */
    public static StageResult of(String name, List<Finding> findings, long millis) {
        boolean passed = findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
        return new StageResult(name, passed, findings, millis);
    }
}
