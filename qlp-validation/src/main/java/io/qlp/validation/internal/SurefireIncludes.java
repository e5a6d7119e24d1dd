package io.qlp.validation.internal;

import java.util.List;

/**
 * The test classes Maven Surefire runs by default ({@code mvn test} without an {@code <includes>} setting): top-level
 * classes named {@code Test*}, {@code *Test}, {@code *Tests} or {@code *TestCase}. Others, such as the {@code *IT}
 * classes Failsafe runs in the integration-test phase, are left out; {@code @Nested} classes run through the class
 * that encloses them.
 *
 * <p>Example: {@code SurefireIncludes.includes("com.acme.RateServiceIT")} is false.
 */
public final class SurefireIncludes {

    private static final List<String> SUFFIXES = List.of("Test", "Tests", "TestCase");

    private SurefireIncludes() {
    }

    /** Whether Surefire's default includes select the class with binary name {@code className}. */
    public static boolean includes(String className) {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        if (simpleName.indexOf('$') >= 0) {
            return false;
        }
        return simpleName.startsWith("Test") || SUFFIXES.stream().anyMatch(simpleName::endsWith);
    }

    /** The patterns, for messages. */
    public static String describe() {
        return "Test*, *Test, *Tests or *TestCase";
    }
}
