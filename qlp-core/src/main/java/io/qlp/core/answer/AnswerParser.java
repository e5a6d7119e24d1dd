package io.qlp.core.answer;

import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsulePaths;
import io.qlp.api.ErrorCode;
import io.qlp.api.FileRole;
import io.qlp.api.NonRetriableQlpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the files out of a model's answer, accepting what models actually write:
 * <ul>
 *   <li>a {@code {"files":[{"path":…,"content":…}]}} object, bare, in a {@code ```json} fence or between prose,
 *       with an optional {@code role} per file;</li>
 *   <li>fenced blocks ({@code ```} or {@code ~~~}, longer fences around blocks that contain fences) named by the
 *       line before them: {@code ### src/Foo.java}, {@code **src/Foo.java**}, {@code File: src/Foo.java},
 *       {@code `src/Foo.java`:}, {@code Path: src/Foo.java};</li>
 *   <li>blocks whose first line is a path comment ({@code // src/Foo.java}, {@code # app.py},
 *       {@code <!-- docs/README.md -->}), which is removed from the content;</li>
 *   <li>Java blocks with no path at all, placed by their package and public type under {@code src/main/java}, or
 *       {@code src/test/java} for tests.</li>
 * </ul>
 * Every path passes {@link CapsulePaths#requireSafe(String)} after a leading {@code ./} is removed; a bare Java file
 * name such as {@code Durations.java} is placed under {@code src/main/java} (or {@code src/test/java}) by the
 * package it declares. When a path
 * appears twice, the later content wins (models repeat corrected files) and keeps the first position. Roles not given
 * by the answer are guessed with {@link FileRole#guess(String)}.
 *
 * <p>Instances keep no state and may be shared between threads.
 *
 * <p>Example:
 * <pre>{@code
 * AnswerParser parser = new AnswerParser();
 * ParsedAnswer parsed = parser.parse("""
 *     Here is the class:
 *     ### src/main/java/demo/Hello.java
 *     ```java
 *     package demo;
 *     public class Hello {}
 *     ```
 *     """);
 * parsed.paths(); // [src/main/java/demo/Hello.java]
 * }</pre>
 */
public final class AnswerParser {

    /** Characters of the answer kept in the details of a {@link ErrorCode#NO_FILES_IN_ANSWER} error. */
    public static final int EXCERPT_LENGTH = 200;

    private final JsonAnswerReader jsonReader = new JsonAnswerReader();
    private final MarkdownAnswerReader markdownReader = new MarkdownAnswerReader();

    /** A parser. */
    public AnswerParser() {
    }

    /**
     * The files of {@code modelAnswer}, in order of first appearance.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#UNSAFE_PATH} naming the path when a file's path is
     *     absolute, contains {@code ..} or a backslash; with {@link ErrorCode#NO_FILES_IN_ANSWER} and an
     *     {@code excerpt} detail when the answer holds no file
     */
    public ParsedAnswer parse(String modelAnswer) {
        Objects.requireNonNull(modelAnswer, "modelAnswer");
        String text = modelAnswer.replace("\r\n", "\n").replace('\r', '\n');
        List<RawFile> found = jsonReader.read(text);
        if (found.isEmpty()) {
            found = markdownReader.read(text);
        }
        Map<String, CapsuleFile> byPath = new LinkedHashMap<>();
        for (RawFile raw : found) {
            String path = inMavenLayout(CapsulePaths.requireSafe(PathNames.normalise(raw.path())), raw.content());
            FileRole role = raw.role() != null ? raw.role() : FileRole.guess(path);
            byPath.put(path, new CapsuleFile(path, raw.content(), role));
        }
        if (byPath.isEmpty()) {
            throw new NonRetriableQlpException(ErrorCode.NO_FILES_IN_ANSWER,
                    "the answer contained no file; expected a {\"files\":[{\"path\",\"content\"}]} object or fenced"
                            + " code blocks each named by a path",
                    Map.of("excerpt", excerpt(modelAnswer), "length", modelAnswer.length()));
        }
        return new ParsedAnswer(List.copyOf(byPath.values()));
    }

    /** Models often name a Java file without its directories; javac and Maven expect it under its package. */
    private static String inMavenLayout(String path, String content) {
        if (path.indexOf('/') >= 0 || !path.endsWith(".java")) {
            return path;
        }
        return JavaPaths.derive("java", content).filter(placed -> placed.endsWith("/" + path)).orElse(path);
    }

    private static String excerpt(String answer) {
        String collapsed = answer.strip().replaceAll("\\s+", " ");
        return collapsed.length() <= EXCERPT_LENGTH ? collapsed : collapsed.substring(0, EXCERPT_LENGTH) + "…";
    }
}
