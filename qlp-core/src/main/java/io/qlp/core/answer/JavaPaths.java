package io.qlp.core.answer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a Java block that came without a path after its package and top-level type, the way javac expects:
 * {@code src/main/java/<package path>/<Type>.java}, or {@code src/test/java/...} for JUnit and TestNG tests.
 * A regular expression is enough here: it only has to find two declarations at the start of a line.
 */
final class JavaPaths {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^(?:@[\\w.]+(?:\\([^)\\n]*\\))?\\s+)*public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+([A-Za-z_$][\\w$]*)",
            Pattern.MULTILINE);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|record|enum)\\s+([A-Za-z_$][\\w$]*)",
            Pattern.MULTILINE);
    private static final Pattern TEST_MARKER = Pattern.compile(
            "^\\s*import\\s+(?:static\\s+)?org\\.(?:junit|testng)\\b|@(?:Test|ParameterizedTest|RepeatedTest)\\b",
            Pattern.MULTILINE);

    private JavaPaths() {
    }

    /**
     * The conventional path of {@code source}, when {@code language} is Java (or not given and the block declares
     * a public type) and the block declares a top-level type.
     */
    static Optional<String> derive(String language, String source) {
        boolean java = language.equals("java");
        if (!java && !language.isEmpty()) {
            return Optional.empty();
        }
        Matcher type = PUBLIC_TYPE.matcher(source);
        String typeName = type.find() ? type.group(1) : null;
        if (typeName == null && java) {
            Matcher anyType = TOP_LEVEL_TYPE.matcher(source);
            typeName = anyType.find() ? anyType.group(1) : null;
        }
        if (typeName == null) {
            return Optional.empty();
        }
        Matcher pkg = PACKAGE.matcher(source);
        String directory = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
        String root = TEST_MARKER.matcher(source).find() ? "src/test/java/" : "src/main/java/";
        return Optional.of(root + directory + typeName + ".java");
    }
}
