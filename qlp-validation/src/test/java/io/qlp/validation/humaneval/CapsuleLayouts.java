package io.qlp.validation.humaneval;

import io.qlp.api.CapsuleFile;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a HumanEval-X problem and a solution body (canonical or mutant) into a capsule in its ecosystem's standard
 * layout, so the validators see an ordinary project:
 * <ul>
 *   <li>Java: Maven layout, {@code src/main/java/Solution.java} (prompt + body), the problem's {@code Main} program
 *       in {@code src/test/java/Main.java}, and a JUnit 5 test {@code SolutionTest} that runs
 *       {@code Main.main(new String[0])}, which throws {@code AssertionError} on a wrong answer;</li>
 *   <li>Python: {@code solution.py} (prompt + body) and {@code test_solution.py} holding the problem's
 *       {@code check(candidate)} and a pytest test calling it;</li>
 *   <li>JavaScript: {@code solution.js} (prompt + body, exporting its top-level functions) and
 *       {@code solution.test.js}, a {@code node:test} test that runs the problem's test program with
 *       {@code console.assert} turned into a real assertion and {@code Math.random} seeded
 *       ({@link #JS_SEEDED_RANDOM}).</li>
 * </ul>
 *
 * <p>Example: {@code CapsuleLayouts.capsule(problem, problem.canonicalSolution())}
 */
final class CapsuleLayouts {

    private static final Pattern PYTHON_CHECK_CALL = Pattern.compile("(?m)^check\\((\\w+)\\)\\s*$");
    private static final Pattern JAVA_IMPORT = Pattern.compile("(?m)^import [\\w.*]+;\\s*$");
    private static final Pattern JS_TOP_LEVEL_NAME = Pattern.compile(
            "(?m)^(?:const|let|var|function|async function|class)\\s+([A-Za-z_$][\\w$]*)");

    /** Node's console.assert only prints; a faithful harness makes it throw, keeping the caller's stack. */
    static final String JS_REAL_CONSOLE_ASSERT = """
            const assert = require('node:assert');
            console.assert = function consoleAssert(condition, ...message) {
              if (!condition) {
                throw new assert.AssertionError({
                  message: message.length > 0 ? message.join(' ') : 'console.assert failed',
                  stackStartFn: consoleAssert,
                });
              }
            };
            """;

    /**
     * The JavaScript tests of HumanEval-X draw from an unseeded {@code Math.random} (problem 32), where the Java and
     * Python versions seed theirs: unseeded, a mutant's verdict would change from run to run on either side. Both
     * sides get the same seeded generator (Park and Miller's minimal standard one, exact in doubles), so they judge
     * the same inputs.
     */
    static final String JS_SEEDED_RANDOM = """
            Math.random = (() => {
              let state = 42;
              return () => {
                state = (state * 48271) % 2147483647;
                return (state - 1) / 2147483646;
              };
            })();
            """;

    private CapsuleLayouts() {
    }

    /** The capsule of {@code problem} with {@code body} completing its prompt. */
    static List<CapsuleFile> capsule(HumanEvalProblem problem, String body) {
        return switch (problem.language()) {
            case JAVA -> java(problem, body);
            case PYTHON -> python(problem, body);
            case JAVASCRIPT -> javaScript(problem, body);
        };
    }

    private static List<CapsuleFile> java(HumanEvalProblem problem, String body) {
        Set<String> imports = new LinkedHashSet<>();
        Matcher matcher = JAVA_IMPORT.matcher(problem.prompt());
        while (matcher.find()) {
            imports.add(matcher.group().strip());
        }
        String test = """
                import org.junit.jupiter.api.Test;

                class SolutionTest {

                    @Test
                    void passes_the_checks_of_%s() throws Exception {
                        Main.main(new String[0]);
                    }
                }
                """.formatted(problem.safeId());
        return List.of(
                CapsuleFile.of("src/main/java/Solution.java", problem.prompt() + body),
                CapsuleFile.of("src/test/java/Main.java", String.join("\n", imports) + "\n\n" + problem.test()),
                CapsuleFile.of("src/test/java/SolutionTest.java", test));
    }

    private static List<CapsuleFile> python(HumanEvalProblem problem, String body) {
        Matcher call = PYTHON_CHECK_CALL.matcher(problem.test());
        String entryPoint = null;
        while (call.find()) {
            entryPoint = call.group(1);
        }
        if (entryPoint == null) {
            throw new IllegalArgumentException(problem.taskId() + ": the test has no check(<entry point>) call");
        }
        String checks = PYTHON_CHECK_CALL.matcher(problem.test()).replaceAll("");
        String test = "from solution import *\n\n" + checks + "\n\ndef test_" + problem.safeId().toLowerCase()
                + "():\n    check(" + entryPoint + ")\n";
        return List.of(CapsuleFile.of("solution.py", problem.prompt() + body),
                CapsuleFile.of("test_solution.py", test));
    }

    private static List<CapsuleFile> javaScript(HumanEvalProblem problem, String body) {
        String module = problem.prompt() + body;
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = JS_TOP_LEVEL_NAME.matcher(module);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        String exports = names.stream().collect(Collectors.joining(", ", "\nmodule.exports = { ", " };\n"));
        String test = "const { test } = require('node:test');\n" + JS_REAL_CONSOLE_ASSERT + JS_SEEDED_RANDOM
                + "const { " + String.join(", ", names) + " } = require('./solution.js');\n\n"
                + "test('" + problem.taskId() + "', () => {\n" + problem.test() + "\n});\n";
        return List.of(CapsuleFile.of("solution.js", module + exports), CapsuleFile.of("solution.test.js", test));
    }

    /** The one program the reference harness runs: prompt, body and test in one file. */
    static String referenceProgram(HumanEvalProblem problem, String body) {
        return switch (problem.language()) {
            case JAVA, PYTHON -> problem.prompt() + body + "\n\n" + problem.test() + "\n";
            case JAVASCRIPT -> JS_REAL_CONSOLE_ASSERT + JS_SEEDED_RANDOM + problem.prompt() + body + "\n\n"
                    + problem.test() + "\n";
        };
    }
}
