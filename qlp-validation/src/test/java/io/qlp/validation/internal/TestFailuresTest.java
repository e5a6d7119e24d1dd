package io.qlp.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestFailuresTest {

    private static final CompiledClasses COMPILED = new CompiledClasses(Map.of(), Map.of(
            "com.example.Calculator", "src/main/java/com/example/Calculator.java",
            "com.example.CalculatorTest", "src/test/java/com/example/CalculatorTest.java"), List.of());

    @Test
    void should_point_at_the_test_line_and_name_the_throwing_line_when_main_code_throws() {
        String trace = """
                java.lang.ArithmeticException: / by zero
                	at com.example.Calculator.divide(Calculator.java:9)
                	at com.example.CalculatorTest$Nested.divides(CalculatorTest.java:21)
                	at java.base/java.lang.reflect.Method.invoke(Method.java:569)
                """;
        JUnitReport.FailedTest failed = new JUnitReport.FailedTest("com.example.CalculatorTest$Nested", "divides()",
                true, "java.lang.ArithmeticException", "/ by zero", trace);

        Finding finding = TestFailures.toFinding(failed, COMPILED);

        assertThat(finding.file()).isEqualTo("src/test/java/com/example/CalculatorTest.java");
        assertThat(finding.line()).isEqualTo(21);
        assertThat(finding.rule()).isEqualTo("junit.error");
        assertThat(finding.message())
                .contains("CalculatorTest$Nested.divides() failed: java.lang.ArithmeticException: / by zero")
                .contains("thrown at src/main/java/com/example/Calculator.java:9 in divide");
    }

    @Test
    void should_use_the_conventional_path_when_the_class_is_unknown() {
        JUnitReport.FailedTest failed = new JUnitReport.FailedTest("org.other.ThingTest", "works()", false,
                "org.opentest4j.AssertionFailedError", "", "org.opentest4j.AssertionFailedError\n");

        Finding finding = TestFailures.toFinding(failed, COMPILED);

        assertThat(finding.file()).isEqualTo("src/test/java/org/other/ThingTest.java");
        assertThat(finding.line()).isZero();
        assertThat(finding.message()).contains("ThingTest.works() failed: org.opentest4j.AssertionFailedError");
    }

    @Test
    void should_read_frames_with_a_module_prefix() {
        List<StackFrames.Frame> frames = StackFrames.parse("""
                	at app//com.example.CalculatorTest.adds(CalculatorTest.java:11)
                	at java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
                """);

        assertThat(frames).containsExactly(
                new StackFrames.Frame("com.example.CalculatorTest", "adds", 11),
                new StackFrames.Frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", 0));
    }
}
