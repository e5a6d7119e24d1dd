package io.qlp.validation.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Java files with JavaParser at language level 17 and turns its problems into findings.
 *
 * <p>Example: {@code List<Finding> problems = SyntaxChecker.check(sources.allSources());}
 */
public final class SyntaxChecker {

    /** The stage name of the findings. */
    public static final String STAGE = "syntax";

    /** Expected tokens kept in a message; JavaParser lists up to a hundred. */
    static final int EXPECTED_TOKENS_KEPT = 6;

    private static final Pattern EXPECTED = Pattern.compile("expected one of\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|<[A-Z_]+>");

    private SyntaxChecker() {
    }

    /**
     * {@code message} with its list of expected tokens cut to the first {@link #EXPECTED_TOKENS_KEPT}, and its
     * problem-reporting hints removed: a repair prompt needs the unexpected token and a few alternatives, not the
     * grammar.
     */
    static String readable(String message) {
        String text = message.replace("\r", "");
        int hint = text.indexOf("\nProblem stacktrace");
        if (hint >= 0) {
            text = text.substring(0, hint);
        }
        Matcher expected = EXPECTED.matcher(text);
        if (!expected.find()) {
            return text.strip();
        }
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(expected.group(1));
        while (token.find()) {
            tokens.add(token.group());
        }
        if (tokens.size() <= EXPECTED_TOKENS_KEPT) {
            return text.strip().replaceAll("\\s+", " ");
        }
        return text.substring(0, expected.start()).strip().replaceAll("\\s+", " ") + " expected one of "
                + String.join(" ", tokens.subList(0, EXPECTED_TOKENS_KEPT)) + " (and "
                + (tokens.size() - EXPECTED_TOKENS_KEPT) + " more)";
    }

    /** The syntax problems of every file, located by file, line and column. */
    public static List<Finding> check(List<CapsuleFile> files) {
        // A JavaParser instance is not thread-safe; one per call keeps validators shareable.
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<Finding> findings = new ArrayList<>();
        for (CapsuleFile file : files) {
            ParseResult<CompilationUnit> result = parser.parse(file.content());
            for (Problem problem : result.getProblems()) {
                Position begin = problem.getLocation()
                        .flatMap(TokenRange::toRange)
                        .map(range -> range.begin)
                        .orElse(null);
                int line = begin == null ? 0 : Math.max(0, begin.line);
                int column = begin == null ? 0 : Math.max(0, begin.column);
                findings.add(Finding.error(STAGE, file.path(), line, column, "java.syntax",
                        readable(problem.getMessage())));
            }
        }
        return findings;
    }
}
