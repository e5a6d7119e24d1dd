package io.qlp.validation.humaneval;


import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HumanEval-X, default suite: a sample of problems per language (see {@link AgreementPlan#fast}), judged by QLP's
 * validator and by the reference harness in the same run. The whole data set runs in
 * {@link HumanEvalFullAgreementTest}.
 */
class HumanEvalAgreementTest {

    private static HumanEvalDataset dataset;

    @BeforeAll
    static void locateData() {
        Optional<HumanEvalDataset> located = HumanEvalDataset.locate();
        dataset = located.orElseThrow(() -> new IllegalStateException(
                "HumanEval-X data not found in src/test/data/humaneval-x; set -Dqlp.humaneval.dir"));
    }

    @Test
    void should_pass_the_sampled_python_canonical_solutions_that_the_reference_harness_passes() {
        canonical(HumanEvalLanguage.PYTHON);
    }

    @Test
    void should_give_sampled_python_mutants_the_verdict_of_the_reference_harness() {
        mutants(HumanEvalLanguage.PYTHON);
    }

    @Test
    void should_pass_the_sampled_javascript_canonical_solutions_that_the_reference_harness_passes() {
        canonical(HumanEvalLanguage.JAVASCRIPT);
    }

    @Test
    void should_give_sampled_javascript_mutants_the_verdict_of_the_reference_harness() {
        mutants(HumanEvalLanguage.JAVASCRIPT);
    }

    @Test
    void should_pass_the_sampled_java_canonical_solutions_that_the_reference_harness_passes() {
        canonical(HumanEvalLanguage.JAVA);
    }

    @Test
    void should_give_sampled_java_mutants_the_verdict_of_the_reference_harness() {
        mutants(HumanEvalLanguage.JAVA);
    }

    private static void canonical(HumanEvalLanguage language) {
        List<HumanEvalProblem> problems = dataset.problems(language);
        AgreementAssertions.assertCanonicalSolutionsPass(language,
                AgreementPlan.fast(language).canonicalCases(problems));
    }

    private static void mutants(HumanEvalLanguage language) {
        List<HumanEvalProblem> problems = dataset.problems(language);
        AgreementAssertions.assertMutantsAgree(language, AgreementPlan.fast(language).mutantCases(problems));
    }
}
