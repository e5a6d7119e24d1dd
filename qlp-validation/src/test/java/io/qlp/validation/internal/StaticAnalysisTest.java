package io.qlp.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.sourceforge.pmd.lang.rule.RuleSet;
import org.junit.jupiter.api.Test;

class StaticAnalysisTest {

    @Test
    void should_give_each_thread_its_own_rule_objects() throws Exception {
        RuleSet mine = StaticAnalysis.rulesOfThisThread();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            RuleSet theirs = other.submit(StaticAnalysis::rulesOfThisThread).get();

            assertThat(StaticAnalysis.rulesOfThisThread()).isSameAs(mine);
            assertThat(theirs).isNotSameAs(mine);
            assertThat(theirs.getRules()).hasSameSizeAs(mine.getRules());
            for (int i = 0; i < mine.getRules().size(); i++) {
                assertThat(List.copyOf(theirs.getRules()).get(i)).isNotSameAs(List.copyOf(mine.getRules()).get(i));
            }
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void should_report_each_capsule_its_own_defects_when_validations_run_at_once() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Finding>>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int blankLines = i % 7;
                String source = "class C" + i + " {\n" + "\n".repeat(blankLines)
                        + "    boolean f(Object o) { return o.equals(null); }\n}\n";
                Callable<List<Finding>> check = () -> StaticAnalysis.check(
                        List.of(CapsuleFile.of("src/main/java/C" + blankLines + ".java", source)));
                results.add(threads.submit(check));
            }
            for (int i = 0; i < results.size(); i++) {
                int blankLines = i % 7;
                assertThat(results.get(i).get()).singleElement().satisfies(finding -> {
                    assertThat(finding.rule()).isEqualTo("pmd.EqualsNull");
                    assertThat(finding.file()).isEqualTo("src/main/java/C" + blankLines + ".java");
                    assertThat(finding.line()).isEqualTo(2 + blankLines);
                });
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void should_warn_instead_of_failing_when_a_test_checks_that_equals_null_is_false() {
        String test = """
                class MoneyTest {
                    void equalsIsNullSafe(Object money) {
                        org.junit.jupiter.api.Assertions.assertFalse(money.equals(null));
                    }
                }
                """;
        String main = "class Money {\n    boolean same(Object o) { return o.equals(null); }\n}\n";

        List<Finding> findings = StaticAnalysis.check(List.of(CapsuleFile.of("src/main/java/Money.java", main),
                CapsuleFile.of("src/test/java/MoneyTest.java", test)));

        assertThat(findings).extracting(Finding::file, Finding::rule, Finding::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("src/main/java/Money.java", "pmd.EqualsNull", Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple("src/test/java/MoneyTest.java", "pmd.EqualsNull",
                        Severity.WARNING));
    }
}
