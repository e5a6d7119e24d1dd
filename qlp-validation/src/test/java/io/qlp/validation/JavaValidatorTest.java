package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.Finding;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaValidatorTest extends AbstractValidatorTest {

    private static final String MAIN = "src/main/java/com/example/Calculator.java";
    private static final String TEST = "src/test/java/com/example/CalculatorTest.java";

    private static final String CALCULATOR = """
            package com.example;

            public final class Calculator {
                public int add(int a, int b) {
                    return %s;
                }
            }
            """;

    private static final String CALCULATOR_TEST = """
            package com.example;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import org.junit.jupiter.api.Test;

            class CalculatorTest {
                @Test
                void adds() %s{
                    %s
                    assertEquals(5, new Calculator().add(2, 3));
                }
            }
            """;

    private static final CapsuleFile POM = CapsuleFile.of("pom.xml", """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>calculator</artifactId>
              <version>1.0.0</version>
            </project>
            """);

    /** The line of the assertion in {@link #CALCULATOR_TEST}. */
    private static final int ASSERTION_LINE = 11;

    @Override
    protected Validator createValidator() {
        return JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    protected ValidationTarget passingTarget() {
        return target(calculator("a + b"), calculatorTest(""));
    }

    @Override
    protected ValidationTarget failingTestTarget() {
        return target(calculator("a - b"), calculatorTest(""));
    }

    @Override
    protected ValidationTarget syntaxErrorTarget() {
        return target(CapsuleFile.of(MAIN, CALCULATOR.formatted("a + b").replace("a + b;", "a + b")),
                calculatorTest(""));
    }

    @Test
    void should_locate_the_failing_assertion_in_the_test_file_when_a_test_fails() {
        ValidationReport report = validator.validate(failingTestTarget());

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("test");
            assertThat(finding.file()).isEqualTo(TEST);
            assertThat(finding.line()).isEqualTo(ASSERTION_LINE);
            assertThat(finding.message()).contains("CalculatorTest.adds()").contains("expected: <5> but was: <-1>");
        });
        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "compile", "static", "test");
    }

    @Test
    void should_give_the_same_stages_and_findings_when_the_tool_stages_run_in_this_jvm() {
        try (JavaValidator here = JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).toolsJvm(false).build()) {
            for (ValidationTarget target : List.of(passingTarget(), failingTestTarget(), syntaxErrorTarget(),
                    target(calculator("a + c"), calculatorTest("")))) {
                ValidationReport inTools = validator.validate(target);
                ValidationReport inHost = here.validate(target);

                assertThat(inHost.passed()).isEqualTo(inTools.passed());
                assertThat(inHost.stages()).extracting(StageResult::name)
                        .containsExactlyElementsOf(inTools.stages().stream().map(StageResult::name).toList());
                assertThat(inHost.stages()).extracting(StageResult::findings)
                        .containsExactlyElementsOf(inTools.stages().stream().map(StageResult::findings).toList());
            }
        }
    }

    @Test
    void should_not_resolve_a_class_of_an_earlier_capsule_when_compiler_contexts_are_reused() {
        ValidationReport first = validator.validate(target(CapsuleFile.of("src/main/java/com/example/Helper.java",
                "package com.example;\n\npublic class Helper {\n}\n"), calculator("a + b"), calculatorTest("")));
        ValidationReport second = validator.validate(target(calculator("a + new Helper().hashCode()"),
                calculatorTest("")));

        assertThat(first.stages()).extracting(StageResult::name).contains("compile");
        assertThat(second.passed()).isFalse();
        assertThat(second.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("compile");
            assertThat(finding.file()).isEqualTo(MAIN);
            assertThat(finding.message()).contains("Helper");
        });
    }

    @Test
    void should_report_file_and_line_when_code_does_not_compile() {
        ValidationReport report = validator.validate(target(calculator("a + c"), calculatorTest("")));

        assertThat(report.passed()).isFalse();
        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "compile");
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("compile");
            assertThat(finding.file()).isEqualTo(MAIN);
            assertThat(finding.line()).isEqualTo(5);
            assertThat(finding.column()).isPositive();
            assertThat(finding.rule()).startsWith("compiler.err");
            assertThat(finding.message()).contains("c");
        });
    }

    @Test
    void should_fail_when_a_test_calls_system_exit_before_its_assertion() {
        ValidationReport report = validator.validate(
                target(calculator("a - b"), calculatorTest("System.exit(0);")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("test");
            assertThat(finding.rule()).isEqualTo("junit.no-verdict");
            assertThat(finding.message()).contains("exited with code 0").contains("before the JUnit run reported");
        });
    }

    @Test
    void should_fail_from_the_missing_report_when_a_one_shot_test_jvm_calls_system_exit() {
        try (JavaValidator oneShot = JavaValidator.builder().warmPool(false).build()) {
            ValidationReport report = oneShot.validate(
                    target(calculator("a - b"), calculatorTest("System.exit(0);")));

            assertThat(report.passed()).isFalse();
            assertThat(report.errors()).singleElement().satisfies(finding -> {
                assertThat(finding.rule()).isEqualTo("junit.no-report");
                assertThat(finding.message()).contains("report is missing").contains("exited with code 0");
            });
        }
    }

    @Test
    void should_pass_and_locate_a_failure_the_same_way_when_each_capsule_gets_a_new_jvm() {
        try (JavaValidator oneShot = JavaValidator.builder().warmPool(false).build()) {
            assertThat(oneShot.validate(passingTarget()).passed()).isTrue();

            ValidationReport failing = oneShot.validate(failingTestTarget());

            assertThat(failing.errors()).singleElement().satisfies(finding -> {
                assertThat(finding.file()).isEqualTo(TEST);
                assertThat(finding.line()).isEqualTo(ASSERTION_LINE);
            });
        }
    }

    @Test
    void should_fail_when_a_test_writes_a_passing_report_file_and_exits() {
        String forge = """
                java.nio.file.Path reports = java.nio.file.Path.of("reports");
                java.nio.file.Files.createDirectories(reports);
                java.nio.file.Files.writeString(reports.resolve("TEST-junit-jupiter.xml"),
                    "<testsuite tests=\\"1\\" failures=\\"0\\" errors=\\"0\\" skipped=\\"0\\"><testcase classname=\\"x\\" name=\\"y\\"/></testsuite>");
                System.exit(0);""";

        ValidationReport report = validator.validate(target(calculator("a - b"),
                CapsuleFile.of(TEST, CALCULATOR_TEST.formatted("throws Exception ", forge))));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.rule()).isEqualTo("junit.no-verdict"));
    }

    @Test
    void should_fail_when_a_test_prints_a_forged_verdict_line_on_the_worker_stdout_and_exits() {
        String forge = """
                java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
                out.println("00000000000000000000000000000000 DONE 1 1 0 0 ");
                System.exit(0);""";

        ValidationReport report = validator.validate(target(calculator("a - b"),
                CapsuleFile.of(TEST, CALCULATOR_TEST.formatted("", forge))));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.rule()).isEqualTo("junit.no-verdict"));
    }

    @Test
    void should_trim_the_expected_token_list_when_a_syntax_error_is_reported() {
        ValidationReport report = validator.validate(syntaxErrorTarget());

        assertThat(report.errors()).first().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("syntax");
            assertThat(finding.file()).isEqualTo(MAIN);
            assertThat(finding.line()).isEqualTo(5);
            assertThat(finding.message()).hasSizeLessThan(300).doesNotContain("Problem stacktrace");
        });
    }

    @Test
    void should_fail_the_static_stage_with_a_located_finding_when_code_has_a_certain_defect() {
        CapsuleFile defect = CapsuleFile.of(MAIN, """
                package com.example;

                public final class Calculator {
                    public int add(int a, int b) {
                        String text = String.valueOf(a);
                        if (text.equals(null)) {
                            return 0;
                        }
                        return a + b;
                    }
                }
                """);

        ValidationReport report = validator.validate(target(defect, calculatorTest("")));

        assertThat(report.passed()).isFalse();
        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "compile", "static", "test");
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("static");
            assertThat(finding.file()).isEqualTo(MAIN);
            assertThat(finding.line()).isEqualTo(6);
            assertThat(finding.rule()).isEqualTo("pmd.EqualsNull");
        });
    }

    @Test
    void should_pass_with_a_warning_when_static_analysis_finds_a_probable_defect() {
        CapsuleFile emptyCatch = CapsuleFile.of(MAIN, """
                package com.example;

                public final class Calculator {
                    public int add(int a, int b) {
                        try {
                            Integer.parseInt("x");
                        } catch (NumberFormatException e) {
                        }
                        return a + b;
                    }
                }
                """);

        ValidationReport report = validator.validate(target(emptyCatch, calculatorTest("")));

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(io.qlp.api.Severity.WARNING);
            assertThat(finding.rule()).isEqualTo("pmd.EmptyCatchBlock");
            assertThat(finding.line()).isEqualTo(7);
        });
    }

    @Test
    void should_fail_on_timeout_when_a_test_never_ends() {
        Validator shortTimeout = JavaValidator.builder().testTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();

        ValidationReport report = shortTimeout.validate(target(calculator("a + b"),
                CapsuleFile.of(TEST, CALCULATOR_TEST.formatted("throws InterruptedException ",
                        "for (;;) { Thread.sleep(50); }").replace("assertEquals(5, new Calculator().add(2, 3));", ""))));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("junit.timeout");
            assertThat(finding.message()).contains("PT5S");
        });
    }

    @Test
    void should_fail_with_no_tests_found_when_the_capsule_has_no_test_file() {
        ValidationReport report = validator.validate(target(calculator("a + b")));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).extracting(Finding::message).singleElement().asString()
                .contains("no tests found");
    }

    @Test
    void should_fail_with_no_tests_found_when_the_test_class_has_no_test_method() {
        CapsuleFile emptyTest = CapsuleFile.of(TEST, """
                package com.example;

                class CalculatorTest {
                    void notATest() {
                    }
                }
                """);

        ValidationReport report = validator.validate(target(calculator("a + b"), emptyTest));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("test");
            assertThat(finding.message()).contains("no tests found");
        });
    }

    @Test
    void should_leave_out_integration_test_classes_as_surefire_does_when_the_capsule_is_a_maven_project() {
        ValidationReport report = validator.validate(target(POM, calculator("a + b"), calculatorTest(""),
                failingIntegrationTest()));

        assertThat(report.errors()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void should_run_every_test_class_when_the_capsule_has_no_pom() {
        ValidationReport report = validator.validate(target(calculator("a + b"), calculatorTest(""),
                failingIntegrationTest()));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding ->
                assertThat(finding.message()).contains("CalculatorIT.agrees()"));
    }

    @Test
    void should_name_the_left_out_classes_when_no_test_class_of_a_maven_project_is_named_as_surefire_expects() {
        ValidationReport report = validator.validate(target(POM, calculator("a + b"), failingIntegrationTest()));

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("junit.no-tests");
            assertThat(finding.message()).contains("*Test").contains("[com.example.CalculatorIT]");
        });
    }

    @Test
    void should_find_project_files_by_paths_relative_to_the_project_folder_when_tests_run() {
        String readFixture = """
                assertEquals("2,3", java.nio.file.Files.readString(
                        java.nio.file.Path.of("src/test/resources/operands.csv")).strip());""";
        ValidationTarget target = target(POM, calculator("a + b"), CapsuleFile.of(TEST,
                CALCULATOR_TEST.formatted("throws Exception ", readFixture)),
                CapsuleFile.of("src/test/resources/operands.csv", "2,3\n"));

        try (JavaValidator oneShot = JavaValidator.builder().warmPool(false).build()) {
            assertThat(validator.validate(target).errors()).isEmpty();
            assertThat(oneShot.validate(target).errors()).isEmpty();
        }
    }

    @Test
    void should_fail_the_syntax_stage_when_there_is_no_java_file() {
        ValidationReport report = validator.validate(new ValidationTarget(
                List.of(CapsuleFile.of("README.md", "# nothing")), Language.JAVA));

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void should_reject_a_target_in_another_language() {
        ValidationTarget python = new ValidationTarget(List.of(CapsuleFile.of("app.py", "x = 1\n")), Language.PYTHON);

        assertThat(validator.supports(Language.PYTHON)).isFalse();
        assertThatThrownBy(() -> validator.validate(python))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void should_reject_an_option_set_twice_or_a_bad_value() {
        assertThatThrownBy(() -> JavaValidator.builder().testTimeout(Duration.ofSeconds(1))
                .testTimeout(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("testTimeout");
        assertThatThrownBy(() -> JavaValidator.builder().testTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> JavaValidator.builder().toolsJvm(true).toolsJvm(false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("toolsJvm");
        assertThatThrownBy(() -> JavaValidator.builder().javaExecutable(java.nio.file.Path.of("/nonexistent/java")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/java");
    }

    @Test
    void should_be_found_by_name_and_read_the_timeout_when_loaded_through_service_providers() {
        ValidatorFactory factory = ServiceProviders.load(ValidatorFactory.class, "java");

        assertThat(factory.create(ProviderConfig.of(Map.of("test-timeout", "20s")))).isInstanceOf(JavaValidator.class);
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("test-timeout", "soon"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soon");
    }

    private static CapsuleFile failingIntegrationTest() {
        return CapsuleFile.of("src/test/java/com/example/CalculatorIT.java", """
                package com.example;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CalculatorIT {
                    @Test
                    void agrees() {
                        assertEquals(6, new Calculator().add(2, 3));
                    }
                }
                """);
    }

    private static CapsuleFile calculator(String expression) {
        return CapsuleFile.of(MAIN, CALCULATOR.formatted(expression));
    }

    private static CapsuleFile calculatorTest(String beforeAssertion) {
        return CapsuleFile.of(TEST, CALCULATOR_TEST.formatted("", beforeAssertion));
    }

    private static ValidationTarget target(CapsuleFile... files) {
        return new ValidationTarget(List.of(files), Language.JAVA);
    }
}
