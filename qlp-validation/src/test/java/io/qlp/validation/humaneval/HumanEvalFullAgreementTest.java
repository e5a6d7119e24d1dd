package io.qlp.validation.humaneval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HumanEval-X, full suite: all 100 problems and all their mutants ({@link AgreementPlan#full()}) in Java, Python and
 * JavaScript. Long (tens of minutes), so it runs only when asked:
 * {@code ./mvnw -B -pl qlp-validation test -Dtest=HumanEvalFullAgreementTest -Dqlp.humaneval=full}
 * (optionally {@code -Dqlp.humaneval.languages=python,javascript} and
 * {@code -Dqlp.humaneval.mutants-per-operator=N}).
 */
@Tag("humaneval-full")
@EnabledIfSystemProperty(named = "qlp.humaneval", matches = "full")
class HumanEvalFullAgreementTest {

    @ParameterizedTest
    @EnumSource(HumanEvalLanguage.class)
    void should_pass_every_canonical_solution_that_the_reference_harness_passes(HumanEvalLanguage language) {
        assumeTrue(selected(language), "language not selected");
        AgreementAssertions.assertCanonicalSolutionsPass(language,
                AgreementPlan.full().canonicalCases(problems(language)));
    }

    @ParameterizedTest
    @EnumSource(HumanEvalLanguage.class)
    void should_give_every_mutant_the_verdict_of_the_reference_harness(HumanEvalLanguage language) {
        assumeTrue(selected(language), "language not selected");
        AgreementAssertions.assertMutantsAgree(language, AgreementPlan.full().mutantCases(problems(language)));
    }

    private static List<HumanEvalProblem> problems(HumanEvalLanguage language) {
        Optional<HumanEvalDataset> dataset = HumanEvalDataset.locate();
        assumeTrue(dataset.isPresent(), "HumanEval-X data not found; set -Dqlp.humaneval.dir");
        return dataset.get().problems(language);
    }

    private static boolean selected(HumanEvalLanguage language) {
        String languages = System.getProperty("qlp.humaneval.languages", "java,python,javascript");
        return Arrays.stream(languages.split(",")).map(name -> name.trim().toLowerCase(Locale.ROOT))
                .map(name -> name.equals("js") ? "javascript" : name)
                .anyMatch(name -> name.equals(language.name().toLowerCase(Locale.ROOT)));
    }
}
