package io.qlp.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitReportTest {

    @TempDir
    Path reports;

    @Test
    void should_sum_suites_and_list_failed_tests_when_reports_exist() throws IOException {
        Files.writeString(reports.resolve("TEST-junit-jupiter.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="JUnit Jupiter" tests="3" skipped="1" failures="1" errors="1">
                <testcase name="adds()" classname="com.example.CalculatorTest"/>
                <testcase name="subtracts()" classname="com.example.CalculatorTest">
                <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError">\
                org.opentest4j.AssertionFailedError: expected: &lt;1&gt; but was: &lt;2&gt;
                	at com.example.CalculatorTest.subtracts(CalculatorTest.java:17)
                </failure>
                </testcase>
                <testcase name="divides()" classname="com.example.CalculatorTest">
                <error message="/ by zero" type="java.lang.ArithmeticException">java.lang.ArithmeticException</error>
                </testcase>
                </testsuite>
                """);
        Files.writeString(reports.resolve("notes.txt"), "not a report");

        JUnitReport report = JUnitReport.read(reports).orElseThrow();

        assertThat(report.tests()).isEqualTo(3);
        assertThat(report.ran()).isEqualTo(2);
        assertThat(report.failures()).isEqualTo(1);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.failed()).extracting(JUnitReport.FailedTest::testName)
                .containsExactly("subtracts()", "divides()");
        assertThat(report.failed().get(0).message()).isEqualTo("expected: <1> but was: <2>");
        assertThat(report.failed().get(0).error()).isFalse();
        assertThat(report.failed().get(1).error()).isTrue();
    }

    @Test
    void should_be_empty_when_no_report_was_written() throws IOException {
        assertThat(JUnitReport.read(reports)).isEmpty();
        assertThat(JUnitReport.read(reports.resolve("missing"))).isEmpty();
    }

    @Test
    void should_refuse_a_doctype_when_the_report_was_tampered_with() throws IOException {
        Files.writeString(reports.resolve("TEST-junit-jupiter.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <testsuite tests="1" failures="0" errors="0" skipped="0">&secret;</testsuite>
                """);

        assertThatThrownBy(() -> JUnitReport.read(reports))
                .isInstanceOf(IOException.class).hasMessageContaining("TEST-junit-jupiter.xml");
    }
}
