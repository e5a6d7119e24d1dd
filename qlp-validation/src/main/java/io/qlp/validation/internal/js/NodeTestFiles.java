package io.qlp.validation.internal.js;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The test files Node's runner picks by default ({@code node --test} without arguments): {@code *.test.js},
 * {@code *-test.js}, {@code *_test.js}, {@code test-*.js}, {@code test.js} and every file under a {@code test}
 * folder, each also as {@code .cjs} and {@code .mjs}, outside {@code node_modules}.
 *
 * <p>Example: {@code NodeTestFiles.select(List.of("sum.js", "sum.test.js"))} is {@code [sum.test.js]}.
 */
public final class NodeTestFiles {

    private static final String JS = "\\.[cm]?js$";
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("(^|/)[^/]+\\.test" + JS),
            Pattern.compile("(^|/)[^/]+-test" + JS),
            Pattern.compile("(^|/)[^/]+_test" + JS),
            Pattern.compile("(^|/)test-[^/]+" + JS),
            Pattern.compile("(^|/)test" + JS),
            Pattern.compile("(^|/)test/(.+/)?[^/]+" + JS));

    private NodeTestFiles() {
    }

    /** The test files among {@code paths} (capsule-relative, with {@code /}), sorted. */
    public static List<String> select(Collection<String> paths) {
        return paths.stream().filter(NodeTestFiles::isTestFile).sorted().toList();
    }

    /** Whether Node's runner would run {@code path} as a test file. */
    public static boolean isTestFile(String path) {
        if (path.startsWith("node_modules/") || path.contains("/node_modules/")) {
            return false;
        }
        return PATTERNS.stream().anyMatch(p -> p.matcher(path).find());
    }
}
