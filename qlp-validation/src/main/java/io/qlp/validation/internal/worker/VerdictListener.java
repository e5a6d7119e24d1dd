package io.qlp.validation.internal.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts what the JUnit Platform found and how each test ended, and keeps the failures with their messages and
 * stack traces. A failed container (a class whose static initializer threw, a failing {@code @BeforeAll}) counts as
 * a failure too, because its tests never ran.
 *
 * <p>Example: {@code launcher.execute(request, listener); listener.failures()}
 */
final class VerdictListener implements TestExecutionListener {

    private static final int MAX_TEXT = 8_000;

    private int found;
    private int succeeded;
    private int skipped;
    private final List<Failure> failures = new ArrayList<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        found = (int) testPlan.countTestIdentifiers(TestIdentifier::isTest);
    }

    @Override
    public void dynamicTestRegistered(TestIdentifier testIdentifier) {
        if (testIdentifier.isTest()) {
            found++;
        }
    }

    @Override
    public void executionSkipped(TestIdentifier testIdentifier, String reason) {
        if (testIdentifier.isTest()) {
            skipped++;
        }
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (testIdentifier.isTest()) {
                    succeeded++;
                }
            }
            // An assumption that did not hold: reported as skipped, as the console launcher does.
            case ABORTED -> {
                if (testIdentifier.isTest()) {
                    skipped++;
                }
            }
            case FAILED -> failures.add(failure(testIdentifier, result.getThrowable()));
        }
    }

    int found() {
        return found;
    }

    int succeeded() {
        return succeeded;
    }

    int skipped() {
        return skipped;
    }

    List<Failure> failures() {
        return failures;
    }

    private static Failure failure(TestIdentifier test, Optional<Throwable> thrown) {
        String className = test.getSource().map(VerdictListener::className).orElse("");
        Throwable throwable = thrown.orElse(null);
        String type = throwable == null ? "" : throwable.getClass().getName();
        boolean error = !(throwable instanceof AssertionError);
        return new Failure(className, safe(test::getLegacyReportingName), error, type,
                throwable == null ? "" : safe(throwable::getMessage), throwable == null ? "" : trace(throwable));
    }

    private static String className(TestSource source) {
        if (source instanceof MethodSource method) {
            return method.getClassName();
        }
        if (source instanceof ClassSource type) {
            return type.getClassName();
        }
        return "";
    }

    /** Code under test controls messages; one that throws or runs long must not break the answer. */
    private static String safe(java.util.function.Supplier<String> text) {
        try {
            String value = text.get();
            if (value == null) {
                return "";
            }
            return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) + "..." : value;
        } catch (RuntimeException | StackOverflowError e) {
            return "<could not read: " + e.getClass().getName() + ">";
        }
    }

    private static String trace(Throwable throwable) {
        return safe(() -> {
            StringWriter text = new StringWriter();
            throwable.printStackTrace(new PrintWriter(text));
            return text.toString();
        });
    }

    /** One failed test or container, as it goes on the wire. */
    record Failure(String className, String testName, boolean error, String type, String message, String trace) {
    }
}
