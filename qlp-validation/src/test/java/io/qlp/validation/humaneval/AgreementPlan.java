package io.qlp.validation.humaneval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Which HumanEval-X solutions a suite judges: the canonical solutions of some problems and the mutants of some
 * problems.
 *
 * <p>Example: {@code AgreementPlan.fast(HumanEvalLanguage.PYTHON).canonicalCases(problems)}
 *
 * @param canonicalProblems which problem numbers have their canonical solution judged
 * @param mutatedProblems which problem numbers have their mutants judged
 * @param mutants the mutant generator
 */
record AgreementPlan(IntPredicate canonicalProblems, IntPredicate mutatedProblems, MutantGenerator mutants) {

    /** Mutants per operator in the full suite unless {@code -Dqlp.humaneval.mutants-per-operator} says otherwise. */
    static final int FULL_MUTANTS_PER_OPERATOR = 2;

    /**
     * The default suite's sample, small enough for every build on a busy 2-core machine: Python and JavaScript
     * judge every tenth canonical solution and the mutants (one per operator) of three problems; Java, whose
     * validator starts test JVMs, every 25th canonical solution and the mutants of one problem.
     */
    static AgreementPlan fast(HumanEvalLanguage language) {
        if (language == HumanEvalLanguage.JAVA) {
            return new AgreementPlan(n -> n % 25 == 0, n -> n == 13, new MutantGenerator(1));
        }
        return new AgreementPlan(n -> n % 10 == 0, n -> n == 7 || n == 42 || n == 77, new MutantGenerator(1));
    }

    /** Every problem, every mutant. */
    static AgreementPlan full() {
        int perOperator = Integer.getInteger("qlp.humaneval.mutants-per-operator", FULL_MUTANTS_PER_OPERATOR);
        return new AgreementPlan(n -> true, n -> true, new MutantGenerator(perOperator));
    }

    List<AgreementRun.Case> canonicalCases(List<HumanEvalProblem> problems) {
        return problems.stream().filter(p -> canonicalProblems.test(p.number())).map(AgreementRun.Case::canonical)
                .toList();
    }

    List<AgreementRun.Case> mutantCases(List<HumanEvalProblem> problems) {
        List<AgreementRun.Case> cases = new ArrayList<>();
        for (HumanEvalProblem problem : problems) {
            if (mutatedProblems.test(problem.number())) {
                mutants.mutants(problem).stream().map(AgreementRun.Case::of).forEach(cases::add);
            }
        }
        return cases;
    }
}
