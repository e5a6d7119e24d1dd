package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.AbstractValidatorTest;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaScriptValidatorTest extends AbstractValidatorTest {

    private static final String SUM = """
            function sum(a, b) {
              return %s;
            }
            module.exports = { sum };
            """;

    private static final String SUM_TEST = """
            const { test } = require('node:test');
            const assert = require('node:assert');
            const { sum } = require('./sum.js');

            test('adds', () => {
              %s
              assert.strictEqual(sum(2, 3), 5);
            });
            """;

    /** The line and column of the assertion in {@link #SUM_TEST}. */
    private static final int ASSERTION_LINE = 7;
    private static final int ASSERTION_COLUMN = 10;

    private static final String ESM_SUM = "export function sum(a, b) {\n  return %s;\n}\n";
    private static final String ESM_SUM_TEST = """
            import { test } from 'node:test';
            import assert from 'node:assert';
            import { sum } from './sum.js';

            test('adds', () => {
              assert.strictEqual(sum(2, 3), 5);
            });
            """;

    @Override
    protected Validator createValidator() {
        return JavaScriptValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    protected ValidationTarget passingTarget() {
        return target(sum("a + b"), sumTest(""));
    }

    @Override
    protected ValidationTarget failingTestTarget() {
        return target(sum("a - b"), sumTest(""));
    }

    @Override
    protected ValidationTarget syntaxErrorTarget() {
        return target(sum("a +"), sumTest(""));
    }

    @Test
    void should_locate_the_failing_assertion_in_the_test_file_when_a_test_fails() {
        ValidationReport report = validator.validate(failingTestTarget());

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "test");
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("test");
            assertThat(finding.rule()).isEqualTo("node.failed");
            assertThat(finding.file()).isEqualTo("sum.test.js");
            assertThat(finding.line()).isEqualTo(ASSERTION_LINE);
            assertThat(finding.column()).isEqualTo(ASSERTION_COLUMN);
            assertThat(finding.message()).contains("'adds'").contains("-1 !== 5");
        });
    }

    @Test
    void should_report_line_and_column_of_a_syntax_error() {
        ValidationReport report = validator.validate(syntaxErrorTarget());

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax");
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo("sum.js");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.column()).isEqualTo(13);
            assertThat(finding.rule()).isEqualTo("js.syntax");
            assertThat(finding.message()).startsWith("SyntaxError: Unexpected token");
        });
    }

    @Test
    void should_pass_es_modules_in_js_files_without_a_package_json() {
        ValidationReport report = validator.validate(target(CapsuleFile.of("sum.js", ESM_SUM.formatted("a + b")),
                CapsuleFile.of("sum.test.js", ESM_SUM_TEST)));

        assertThat(report.errors()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void should_find_a_syntax_error_in_an_es_module_js_file_that_node_check_alone_lets_through() {
        ValidationReport report = validator.validate(target(CapsuleFile.of("sum.js", ESM_SUM.formatted("a +;")),
                CapsuleFile.of("sum.test.js", ESM_SUM_TEST)));

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo("sum.js");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.message()).contains("Unexpected token ';'");
        });
    }

    @Test
    void should_check_js_files_as_commonjs_when_the_package_says_so() {
        ValidationReport report = validator.validate(target(CapsuleFile.of("package.json",
                        "{\"name\": \"demo\", \"type\": \"commonjs\"}"),
                CapsuleFile.of("sum.js", ESM_SUM.formatted("a + b")), CapsuleFile.of("sum.test.js", ESM_SUM_TEST)));

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax");
        assertThat(report.errors()).isNotEmpty().allSatisfy(finding ->
                assertThat(finding.message()).containsAnyOf("export", "import"));
    }

    @Test
    void should_run_mjs_tests() {
        ValidationReport report = validator.validate(target(CapsuleFile.of("sum.mjs", ESM_SUM.formatted("a + b")),
                CapsuleFile.of("sum.test.mjs", ESM_SUM_TEST.replace("./sum.js", "./sum.mjs"))));

        assertThat(report.passed()).isTrue();
    }

    @Test
    void should_fail_when_a_test_calls_process_exit_before_its_assertion() {
        ValidationReport report = validator.validate(target(sum("a - b"), sumTest("process.exit(0);")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("test");
            assertThat(finding.file()).isEqualTo("sum.test.js");
            assertThat(finding.line()).isEqualTo(6);
            assertThat(finding.message()).contains("process.exit() was called while tests were running");
        });
    }

    @Test
    void should_fail_when_a_test_in_a_suite_exits_after_an_earlier_test_passed() {
        CapsuleFile test = CapsuleFile.of("sum.test.js", """
                const { describe, it } = require('node:test');
                const assert = require('node:assert');
                const { sum } = require('./sum.js');
                describe('sum', () => {
                  it('adds zero', () => assert.strictEqual(sum(0, 0), 0));
                  it('adds', async () => {
                    await new Promise((resolve) => setTimeout(resolve, 5));
                    process.reallyExit(0);
                    assert.strictEqual(sum(2, 3), 5);
                  });
                });
                """);

        ValidationReport report = validator.validate(target(sum("a - b"), test));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.message()).contains("'adds'").contains("process.reallyExit()"));
    }

    @Test
    void should_pass_when_only_a_todo_test_fails_as_node_test_does() {
        CapsuleFile tests = CapsuleFile.of("sum.test.js", """
                const { test } = require('node:test');
                const assert = require('node:assert');
                const { sum } = require('./sum.js');

                test('adds', () => assert.strictEqual(sum(2, 3), 5));
                test('adds strings', { todo: 'numbers only for now' }, () => assert.strictEqual(sum('a', 'b'), 'ab!'));
                """);

        ValidationReport report = validator.validate(target(sum("a + b"), tests));

        assertThat(report.errors()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void should_fail_with_no_tests_found_when_test_files_define_no_test() {
        ValidationReport report = validator.validate(target(sum("a + b"),
                CapsuleFile.of("sum.test.js", "const { sum } = require('./sum.js');\nsum(1, 2);\n")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("node.no-tests");
            assertThat(finding.message()).startsWith("no tests found");
        });
    }

    @Test
    void should_fail_with_no_tests_found_when_there_is_no_test_file() {
        ValidationReport report = validator.validate(target(sum("a + b")));

        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.rule()).isEqualTo("node.no-tests"));
    }

    @Test
    void should_fail_with_a_timeout_finding_when_a_test_never_ends() {
        JavaScriptValidator quick = JavaScriptValidator.builder().testTimeout(Duration.ofSeconds(3)).build();

        ValidationReport report = quick.validate(target(sum("a + b"), sumTest("while (true) {}")));

        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.rule()).isEqualTo("node.timeout"));
    }

    @Test
    void should_time_out_as_node_test_does_when_a_single_test_file_reads_standard_input() {
        JavaScriptValidator quick = JavaScriptValidator.builder().testTimeout(Duration.ofSeconds(3)).build();

        // node --test gives the file's process an input that never ends; a direct run would read end-of-file.
        ValidationReport report = quick.validate(target(sum("a + b"),
                sumTest("assert.strictEqual(require('node:fs').readFileSync(0, 'utf8'), '');")));

        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.rule()).isEqualTo("node.timeout"));
    }

    @Test
    void should_fail_the_file_when_a_test_file_cannot_load_its_module() {
        ValidationReport report = validator.validate(target(sum("a + b"),
                CapsuleFile.of("sum.test.js", SUM_TEST.formatted("").replace("./sum.js", "./missing.js"))));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("node.file-failed");
            assertThat(finding.file()).isEqualTo("sum.test.js");
            assertThat(finding.line()).isEqualTo(3);
            assertThat(finding.message()).contains("missing.js");
        });
    }

    @Test
    void should_give_the_findings_of_node_check_when_the_host_syntax_checker_parses_the_files() {
        ValidationTarget broken = target(CapsuleFile.of("lib/sum.cjs", SUM.formatted("a +")),
                CapsuleFile.of("lib/range.mjs", "export const range = (n) => [...Array(n).keys()\n"),
                CapsuleFile.of("lib/detected.js", ESM_SUM.formatted("a +;")),
                CapsuleFile.of("lib/fine.js", ESM_SUM.formatted("a + b")), sumTest(""));
        JavaScriptValidator nodeCheckOnly = JavaScriptValidator.builder().syntaxChecker(false).build();

        ValidationReport checked = validator.validate(broken);
        ValidationReport nodeChecked = nodeCheckOnly.validate(broken);

        assertThat(checked.errors()).hasSize(3).isEqualTo(nodeChecked.errors());
        assertThat(checked.errors()).allSatisfy(finding -> assertThat(finding.line()).isPositive());
    }

    @Test
    void should_locate_the_syntax_error_when_the_host_syntax_checkers_were_killed_between_capsules() {
        validator.validate(passingTarget());
        List<ProcessHandle> checkers = ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.endsWith("syntax-checker.cjs")))
                .toList();
        checkers.forEach(ProcessHandle::destroyForcibly);
        checkers.forEach(process -> process.onExit().join());

        for (int capsule = 0; capsule < 3; capsule++) {
            ValidationReport report = validator.validate(syntaxErrorTarget());

            assertThat(report.errors()).singleElement().satisfies(finding -> {
                assertThat(finding.file()).isEqualTo("sum.js");
                assertThat(finding.line()).isEqualTo(2);
                assertThat(finding.column()).isEqualTo(13);
            });
        }
        assertThat(checkers).as("the checkers the first capsule started").isNotEmpty();
    }

    @Test
    void should_name_the_property_when_the_factory_reads_a_bad_syntax_checker_value() {
        assertThatThrownBy(() -> new JavaScriptValidatorFactory().create(ProviderConfig.of(
                Map.of("syntax-checker", "sometimes"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("syntax-checker")
                .hasMessageContaining("sometimes");
    }

    @Test
    void should_reject_another_language() {
        assertThatThrownBy(() -> validator.validate(new ValidationTarget(List.of(sum("a")), Language.PYTHON)))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void should_be_found_by_name_when_loaded_through_the_factory() {
        Validator loaded = ServiceProviders.load(ValidatorFactory.class, "javascript")
                .create(ProviderConfig.of(Map.of("test-timeout", "PT20S")));

        assertThat(loaded).isInstanceOf(JavaScriptValidator.class);
        assertThat(loaded.validate(passingTarget()).passed()).isTrue();
    }

    @Test
    void should_name_the_property_when_the_factory_reads_a_bad_warm_pool_value() {
        assertThatThrownBy(() -> new JavaScriptValidatorFactory().create(ProviderConfig.of(Map.of("warm-pool", "often"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-pool")
                .hasMessageContaining("often");
    }

    @Test
    void should_reject_bad_and_repeated_builder_options() {
        assertThatThrownBy(() -> JavaScriptValidator.builder().testTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> JavaScriptValidator.builder().nodeExecutable(Path.of("/no/such/node")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/node");
        assertThatThrownBy(() -> JavaScriptValidator.builder().testTimeout(Duration.ofSeconds(1))
                .testTimeout(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("testTimeout");
    }

    private static CapsuleFile sum(String expression) {
        return CapsuleFile.of("sum.js", SUM.formatted(expression));
    }

    private static CapsuleFile sumTest(String firstStatement) {
        return CapsuleFile.of("sum.test.js", SUM_TEST.formatted(firstStatement));
    }

    private static ValidationTarget target(CapsuleFile... files) {
        return new ValidationTarget(List.of(files), Language.JAVASCRIPT);
    }
}
