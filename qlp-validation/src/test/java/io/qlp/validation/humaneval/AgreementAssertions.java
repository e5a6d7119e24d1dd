package io.qlp.validation.humaneval;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.spi.Validator;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two checks of the HumanEval-X suites: canonical solutions the reference harness passes must pass the
 * validator, and every mutant must get the reference harness's verdict.
 *
 * <p>Example: {@code AgreementAssertions.assertCanonicalSolutionsPass(HumanEvalLanguage.PYTHON, cases);}
 */
final class AgreementAssertions {

    /**
     * Wall-clock limit of each solution, on both sides; generous, so a loaded machine cannot turn a slow start into a
     * verdict, since no solution is meant to run long.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Solutions judged at once; each judgement mostly waits for child processes. */
    static final int THREADS = 2;

    private AgreementAssertions() {
    }

    static void assertCanonicalSolutionsPass(HumanEvalLanguage language, List<AgreementRun.Case> cases) {
        List<AgreementRun.Outcome> outcomes = judge(language, cases);
        List<AgreementRun.Outcome> referencePassed = outcomes.stream().filter(o -> o.reference().passed()).toList();

        assertThat(referencePassed).as("canonical %s solutions the reference harness passes", language)
                .hasSizeGreaterThanOrEqualTo(cases.size() * 9 / 10);
        assertThat(referencePassed.stream().filter(o -> !o.validatorPassed()).map(AgreementRun.Outcome::describe))
                .as("canonical %s solutions that pass the reference harness but not the validator", language)
                .isEmpty();
    }

    static void assertMutantsAgree(HumanEvalLanguage language, List<AgreementRun.Case> cases) {
        List<AgreementRun.Outcome> outcomes = judge(language, cases);

        assertThat(outcomes).as("%s mutants", language).isNotEmpty();
        assertThat(outcomes).as("%s mutants the reference harness fails (a suite where none fails proves nothing)",
                language).anyMatch(o -> !o.reference().passed());
        assertThat(outcomes.stream().filter(o -> !o.agrees()).map(AgreementRun.Outcome::describe)
                .collect(Collectors.toList()))
                .as("%s mutants whose validator verdict differs from the reference harness (of %d)", language,
                        outcomes.size())
                .isEmpty();
    }

    private static List<AgreementRun.Outcome> judge(HumanEvalLanguage language, List<AgreementRun.Case> cases) {
        Validator validator = HumanEvalValidators.create(language, TIMEOUT);
        try {
            return AgreementRun.run(validator, new ReferenceHarness(TIMEOUT), cases, THREADS);
        } finally {
            HumanEvalValidators.close(validator);
        }
    }
}
