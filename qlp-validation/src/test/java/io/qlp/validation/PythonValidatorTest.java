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

class PythonValidatorTest extends AbstractValidatorTest {

    private static final String CALC = """
            def add(a, b):
                return %s
            """;

    private static final String TEST_CALC = """
            from calc import add


            def test_add():
                %s
                assert add(2, 3) == 5
            """;

    /** The line of the assertion in {@link #TEST_CALC}. */
    private static final int ASSERTION_LINE = 6;

    @Override
    protected Validator createValidator() {
        return PythonValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    protected ValidationTarget passingTarget() {
        return target(calc("a + b"), testCalc("pass"));
    }

    @Override
    protected ValidationTarget failingTestTarget() {
        return target(calc("a - b"), testCalc("pass"));
    }

    @Override
    protected ValidationTarget syntaxErrorTarget() {
        return target(calc("(a + b"), testCalc("pass"));
    }

    @Test
    void should_locate_the_failing_assertion_in_the_test_file_when_a_test_fails() {
        ValidationReport report = validator.validate(failingTestTarget());

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "test");
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("test");
            assertThat(finding.rule()).isEqualTo("pytest.failed");
            assertThat(finding.file()).isEqualTo("test_calc.py");
            assertThat(finding.line()).isEqualTo(ASSERTION_LINE);
            assertThat(finding.message()).contains("test_add").contains("assert -1 == 5");
        });
    }

    @Test
    void should_locate_the_failing_line_of_the_module_when_the_code_under_test_raises() {
        ValidationReport report = validator.validate(target(calc("a / 0"), testCalc("pass")));

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo("calc.py");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.message()).contains("ZeroDivisionError");
        });
    }

    @Test
    void should_report_file_line_and_column_of_every_syntax_error_when_files_do_not_parse() {
        ValidationReport report = validator.validate(target(calc("(a + b"),
                CapsuleFile.of("test_calc.py", "def test_add():\n    x = = 1\n")));

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax");
        assertThat(report.errors()).hasSize(2);
        assertThat(report.errors()).anySatisfy(finding -> {
            assertThat(finding.file()).isEqualTo("test_calc.py");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.column()).isEqualTo(9);
            assertThat(finding.rule()).isEqualTo("python.syntax");
            assertThat(finding.message()).startsWith("SyntaxError: invalid syntax");
        });
        assertThat(report.errors()).anySatisfy(finding -> {
            assertThat(finding.file()).isEqualTo("calc.py");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.message()).contains("never closed");
        });
    }

    @Test
    void should_fail_when_a_test_ends_the_interpreter_with_os_exit_before_its_assertion() {
        ValidationReport report = validator.validate(target(calc("a - b"), testCalc("import os; os._exit(0)")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("pytest.no-report");
            assertThat(finding.message()).contains("exited with code 0").contains("os._exit");
        });
    }

    @Test
    void should_fail_when_a_test_raises_system_exit() {
        ValidationReport report = validator.validate(target(calc("a - b"), testCalc("import sys; sys.exit(0)")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.message()).contains("test_add"));
    }

    @Test
    void should_fail_with_no_tests_found_when_the_folder_has_no_test() {
        ValidationReport report = validator.validate(target(calc("a + b"),
                CapsuleFile.of("helpers.py", "def helper():\n    return 1\n")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("pytest.no-tests");
            assertThat(finding.message()).startsWith("no tests found");
        });
    }

    @Test
    void should_fail_with_a_timeout_finding_when_a_test_never_ends() {
        PythonValidator quick = PythonValidator.builder().testTimeout(Duration.ofSeconds(3)).build();

        ValidationReport report = quick.validate(target(calc("a + b"), testCalc("while True: pass")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.rule()).isEqualTo("pytest.timeout"));
    }

    @Test
    void should_find_tests_in_sub_folders_that_import_modules_from_the_root() {
        ValidationReport report = validator.validate(target(calc("a + b"),
                CapsuleFile.of("tests/test_calc.py", TEST_CALC.formatted("pass"))));

        assertThat(report.passed()).isTrue();
    }

    @Test
    void should_fail_with_a_located_error_when_a_test_module_cannot_be_imported() {
        ValidationReport report = validator.validate(target(calc("a + b"),
                CapsuleFile.of("test_calc.py", "from calc import subtract\n\n\ndef test_it():\n    assert subtract\n")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("pytest.error");
            assertThat(finding.file()).isEqualTo("test_calc.py");
            assertThat(finding.line()).isEqualTo(1);
            assertThat(finding.message()).contains("subtract");
        });
    }

    @Test
    void should_reject_another_language() {
        assertThatThrownBy(() -> validator.validate(new ValidationTarget(List.of(calc("a + b")), Language.JAVA)))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThat(validator.supports(Language.PYTHON)).isTrue();
        assertThat(validator.supports(Language.JAVASCRIPT)).isFalse();
    }

    @Test
    void should_be_found_by_name_and_configured_when_loaded_through_the_factory() {
        ValidatorFactory factory = ServiceProviders.load(ValidatorFactory.class, "python");

        Validator loaded = factory.create(ProviderConfig.of(Map.of("test-timeout", "20s", "autoload-plugins", "false")));

        assertThat(loaded).isInstanceOf(PythonValidator.class);
        assertThat(loaded.name()).isEqualTo("python");
        assertThat(loaded.validate(passingTarget()).passed()).isTrue();
    }

    @Test
    void should_name_the_property_when_a_factory_value_is_invalid() {
        ValidatorFactory factory = new PythonValidatorFactory();

        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("autoload-plugins", "maybe"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autoload-plugins")
                .hasMessageContaining("maybe");
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("warm-pool", "often"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-pool")
                .hasMessageContaining("often");
    }

    @Test
    void should_validate_on_the_one_shot_path_when_the_factory_turns_the_warm_pool_off() {
        Validator loaded = new PythonValidatorFactory().create(ProviderConfig.of(Map.of("warm-pool", "false")));

        assertThat(loaded.validate(passingTarget()).passed()).isTrue();
        assertThat(loaded.validate(failingTestTarget()).passed()).isFalse();
    }

    @Test
    void should_reject_bad_and_repeated_builder_options() {
        assertThatThrownBy(() -> PythonValidator.builder().testTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> PythonValidator.builder().pythonExecutable(Path.of("/no/such/python")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/python");
        assertThatThrownBy(() -> PythonValidator.builder().autoloadPlugins(true).autoloadPlugins(false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("autoloadPlugins");
    }

    private static CapsuleFile calc(String expression) {
        return CapsuleFile.of("calc.py", CALC.formatted(expression));
    }

    private static CapsuleFile testCalc(String firstStatement) {
        return CapsuleFile.of("test_calc.py", TEST_CALC.formatted(firstStatement));
    }

    private static ValidationTarget target(CapsuleFile... files) {
        return new ValidationTarget(List.of(files), Language.PYTHON);
    }
}
