package io.qlp.validation.internal.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XUnitReportTest {

    /** What Node 20's JUnit reporter writes for a passing, a skipped, a failing todo and a failing test. */
    private static final String NODE_REPORT = """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites>
            \t<testcase name="passes" time="0.001" classname="test"/>
            \t<testcase name="skipped" time="0.001" classname="test">
            \t\t<skipped type="skipped" message="true"/>
            \t</testcase>
            \t<testcase name="planned" time="0.001" classname="test" failure="'low' !== 'high'">
            \t\t<skipped type="todo" message="priorities are planned"/>
            \t\t<failure type="testCodeFailure" message="'low' !== 'high'">AssertionError</failure>
            \t</testcase>
            \t<testcase name="fails" time="0.001" classname="test">
            \t\t<failure type="testCodeFailure" message="1 !== 2">AssertionError</failure>
            \t</testcase>
            </testsuites>
            """;

    /** What pytest writes for a test whose teardown failed after the test was skipped. */
    private static final String PYTEST_REPORT = """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites><testsuite name="pytest" errors="1" failures="0" skipped="1" tests="1">
            <testcase classname="test_a" name="test_skipped" file="test_a.py" line="3">
            <skipped type="pytest.skip" message="not today">test_a.py:3: not today</skipped>
            <error message="failed on teardown with &quot;RuntimeError&quot;">RuntimeError</error>
            </testcase></testsuite></testsuites>
            """;

    @TempDir
    Path folder;

    @Test
    void should_count_a_failing_todo_test_as_skipped_when_node_reports_it() throws IOException {
        XUnitReport report = read(NODE_REPORT);

        assertThat(report.cases()).extracting(XUnitReport.TestCase::outcome).containsExactly(
                XUnitReport.Outcome.PASSED, XUnitReport.Outcome.SKIPPED, XUnitReport.Outcome.SKIPPED,
                XUnitReport.Outcome.FAILED);
        assertThat(report.ran()).isEqualTo(2);
        assertThat(report.problems()).extracting(XUnitReport.TestCase::name).containsExactly("fails");
    }

    @Test
    void should_let_an_error_outrank_a_skip_when_it_is_not_a_todo_test() throws IOException {
        XUnitReport report = read(PYTEST_REPORT);

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.outcome()).isEqualTo(XUnitReport.Outcome.ERROR);
            assertThat(problem.message()).contains("failed on teardown");
        });
    }

    private XUnitReport read(String xml) throws IOException {
        Path file = folder.resolve("report.xml");
        Files.writeString(file, xml);
        return XUnitReport.read(file).orElseThrow();
    }
}
