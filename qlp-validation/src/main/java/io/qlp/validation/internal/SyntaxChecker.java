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

/**
 * Parses Java files with JavaParser at language level 17 and turns its problems into findings.
 *
 * <p>Example: {@code List<Finding> problems = SyntaxChecker.check(sources.allSources());}
 */
public final class SyntaxChecker {

    /** The stage name of the findings. */
    public static final String STAGE = "syntax";

    private SyntaxChecker() {
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
                findings.add(Finding.error(STAGE, file.path(), line, column, "java.syntax", problem.getMessage()));
            }
        }
        return findings;
    }
}
