package io.qlp.validation.internal;

import io.qlp.api.Finding;
import java.util.List;
import java.util.Optional;

/**
 * Turns a failed JUnit test into a finding located at the test's line, read from the stack trace.
 *
 * <p>Example: {@code Finding finding = TestFailures.toFinding(failedTest, compiled);}
 */
public final class TestFailures {

    private TestFailures() {
    }

    /**
     * A finding on the test source at the deepest-called frame of the test class, with the failure message and,
     * when the exception came from other capsule code, where it was thrown.
     */
    public static Finding toFinding(JUnitReport.FailedTest failed, CompiledClasses compiled) {
        List<StackFrames.Frame> frames = StackFrames.parse(failed.stackTrace());
        String testFile = compiled.sourceOf(failed.className()).orElseGet(() -> conventionalPath(failed.className()));
        Optional<StackFrames.Frame> testFrame = frames.stream()
                .filter(f -> compiled.sourceOf(f.className()).filter(testFile::equals).isPresent())
                .findFirst();
        Optional<StackFrames.Frame> origin = frames.stream()
                .filter(f -> compiled.sourceOf(f.className()).isPresent())
                .findFirst();

        String simpleName = failed.className().substring(failed.className().lastIndexOf('.') + 1);
        StringBuilder message = new StringBuilder(simpleName).append('.').append(failed.testName()).append(" failed: ");
        String what = failed.message().isBlank() ? "" : failed.message().strip();
        if (failed.error() || what.isEmpty()) {
            message.append(failed.type().isBlank() ? "exception" : failed.type());
            if (!what.isEmpty()) {
                message.append(": ");
            }
        }
        message.append(what);
        if (origin.isPresent() && !origin.equals(testFrame)) {
            StackFrames.Frame thrown = origin.get();
            message.append(" (thrown at ").append(compiled.sourceOf(thrown.className()).orElse(thrown.className()))
                    .append(':').append(thrown.line()).append(" in ").append(thrown.method()).append(')');
        }
        int line = testFrame.map(StackFrames.Frame::line).orElse(0);
        return Finding.error(JUnitTestStage.STAGE, testFile, line, 0,
                failed.error() ? "junit.error" : "junit.failure", message.toString());
    }

    private static String conventionalPath(String className) {
        String topLevel = className.indexOf('$') > 0 ? className.substring(0, className.indexOf('$')) : className;
        return "src/test/java/" + topLevel.replace('.', '/') + ".java";
    }
}
