package io.qlp.validation.humaneval;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Finding;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.validation.SecurityValidator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The security stage raises nothing, not even a warning, on the 300 canonical HumanEval-X capsules. */
class HumanEvalSecurityTest {

    @ParameterizedTest
    @EnumSource(HumanEvalLanguage.class)
    void should_find_nothing_when_scanning_the_canonical_capsules(HumanEvalLanguage language) {
        HumanEvalDataset dataset = HumanEvalDataset.locate().orElseThrow(() -> new IllegalStateException(
                "HumanEval-X data not found in src/test/data/humaneval-x; set -Dqlp.humaneval.dir"));
        SecurityValidator security = SecurityValidator.create();
        List<HumanEvalProblem> problems = dataset.problems(language);

        List<String> findings = problems.stream()
                .flatMap(problem -> security.validate(new ValidationTarget(
                        CapsuleLayouts.capsule(problem, problem.canonicalSolution()), language.language()))
                        .findings().stream().map(f -> problem.taskId() + ": " + describe(f)))
                .toList();

        assertThat(problems).hasSize(100);
        assertThat(findings).isEmpty();
    }

    private static String describe(Finding finding) {
        return finding.severity() + " " + finding.rule() + " " + finding.describe();
    }
}
