package io.qlp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Finding;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Validator} meets. Extend it in the implementation's tests and provide the validator and
 * three small capsules in its language: one whose tests pass, one with a failing test, one with a syntax error.
 *
 * <p>Example:
 * <pre>{@code
 * class JavaValidatorTest extends AbstractValidatorTest {
 *     protected Validator createValidator() { return JavaValidator.create(); }
 *     protected ValidationTarget passingTarget() { return new ValidationTarget(files, Language.JAVA); }
 *     ...
 * }
 * }</pre>
 */
public abstract class AbstractValidatorTest {

    protected Validator validator;

    /** The validator under test; called before each test. */
    protected abstract Validator createValidator();

    /** A capsule whose code is correct and whose tests pass. */
    protected abstract ValidationTarget passingTarget();

    /** A capsule that compiles or loads but has a test that fails. */
    protected abstract ValidationTarget failingTestTarget();

    /** A capsule with a syntax error in one file. */
    protected abstract ValidationTarget syntaxErrorTarget();

    /** The name of the stage that runs the tests; {@code test} unless overridden. */
    protected String testStageName() {
        return "test";
    }

    @BeforeEach
    void createValidatorUnderTest() {
        validator = createValidator();
    }

    @Test
    void should_support_the_language_of_its_fixtures() {
        assertThat(validator.supports(passingTarget().language())).isTrue();
        assertThat(validator.name()).isNotBlank();
    }

    @Test
    void should_pass_with_passed_stages_when_tests_pass() {
        ValidationReport report = validator.validate(passingTarget());

        assertThat(report.errors()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.stages()).isNotEmpty().allMatch(StageResult::passed);
        assertThat(report.stages()).extracting(StageResult::name).contains(testStageName());
    }

    @Test
    void should_fail_with_a_test_stage_finding_when_a_test_fails() {
        ValidationReport report = validator.validate(failingTestTarget());

        assertThat(report.passed()).isFalse();
        assertThat(report.stages()).isNotEmpty();
        assertThat(report.errors()).isNotEmpty().anyMatch(f -> f.stage().equals(testStageName()));
        assertThat(report.errors()).extracting(Finding::describe).allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(report.stages()).filteredOn(s -> s.name().equals(testStageName()))
                .singleElement().matches(s -> !s.passed());
    }

    @Test
    void should_fail_with_a_located_finding_when_syntax_is_wrong() {
        ValidationReport report = validator.validate(syntaxErrorTarget());

        assertThat(report.passed()).isFalse();
        assertThat(report.stages()).isNotEmpty();
        assertThat(report.errors()).isNotEmpty()
                .anySatisfy(finding -> {
                    assertThat(finding.file()).isNotNull();
                    assertThat(finding.line()).isPositive();
                });
        assertThat(report.stages()).extracting(StageResult::name).doesNotContain(testStageName());
    }
}
