package io.qlp.validation.humaneval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MutantGeneratorTest {

    private static final HumanEvalProblem PYTHON = new HumanEvalProblem("Python/900", HumanEvalLanguage.PYTHON,
            "def f(xs):\n", """
                # counts items < 3 and keeps "a + b" as text
                total = 0
                for x in xs:
                    if x < 3 and True:
                        total += x + 1
                return "a + b < 2" if total == 0 else total
            """, "", "");

    private static final HumanEvalProblem JAVA = new HumanEvalProblem("Java/900", HumanEvalLanguage.JAVA,
            "class Solution {\n    int f(List<Integer> xs) {\n", """
                    List<Integer> kept = new ArrayList<>();
                    for (int i = 0; i < xs.size(); i++) {
                        if (xs.get(i) >= 2) kept.add(xs.get(i) + 1);
                    }
                    return kept.isEmpty() ? 0 : kept.get(0);
                }
            }
            """, "", "");

    @Test
    void should_make_one_mutant_per_operator_in_code_only_when_one_place_per_operator_is_asked() {
        List<Mutant> mutants = new MutantGenerator(1).mutants(PYTHON);

        assertThat(mutants).extracting(Mutant::operator).containsExactly(Mutant.Operator.COMPARISON,
                Mutant.Operator.OFF_BY_ONE, Mutant.Operator.BOOLEAN, Mutant.Operator.SIGN);
        assertThat(mutants).allSatisfy(mutant -> {
            assertThat(mutant.body()).isNotEqualTo(PYTHON.canonicalSolution());
            // The comment and the string literal are never changed.
            assertThat(mutant.body()).contains("# counts items < 3 and keeps \"a + b\" as text")
                    .contains("\"a + b < 2\"");
        });
        assertThat(mutants.get(0).body()).contains("if x >= 3 and True:");
        assertThat(mutants.get(1).body()).contains("total = 1");
        assertThat(mutants.get(2).body()).contains("if x < 3 and False:");
        assertThat(mutants.get(3).body()).contains("total -= x + 1");
    }

    @Test
    void should_give_the_same_mutants_when_run_twice() {
        MutantGenerator generator = new MutantGenerator(2);

        assertThat(generator.mutants(JAVA)).isEqualTo(generator.mutants(JAVA));
        assertThat(generator.mutants(JAVA)).extracting(Mutant::body).doesNotHaveDuplicates();
    }

    @Test
    void should_leave_java_generic_brackets_alone() {
        List<Mutant> comparisons = new MutantGenerator(10).mutants(JAVA).stream()
                .filter(m -> m.operator() == Mutant.Operator.COMPARISON).toList();

        assertThat(comparisons).extracting(Mutant::from).containsExactly("<", ">=");
        assertThat(comparisons).extracting(Mutant::to).containsExactly(">=", "<");
    }

    @Test
    void should_spread_the_chosen_places_from_first_to_last() {
        List<Mutant> offByOne = new MutantGenerator(2).mutants(JAVA).stream()
                .filter(m -> m.operator() == Mutant.Operator.OFF_BY_ONE).toList();

        assertThat(offByOne).extracting(Mutant::line).containsExactly(2, 5);
    }

    @Test
    void should_reject_fewer_than_one_place_per_operator() {
        assertThatThrownBy(() -> new MutantGenerator(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
