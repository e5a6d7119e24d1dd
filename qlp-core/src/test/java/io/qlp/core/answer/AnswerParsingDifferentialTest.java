package io.qlp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The guarded and loop-based {@link PathNames}, {@link Fence} and JSON object search give exactly what the plain
 * regular expressions gave: each is compared with {@link OriginalPathNames} and {@link OriginalFence}, copies of the
 * regex-only code, on random lines built from the pieces models write (headings, labels, list markers, comments,
 * fences, paths, drive letters) mixed with the characters the expressions treat specially.
 */
class AnswerParsingDifferentialTest {

    private static final int EXAMPLES = 20_000;

    /** Characters the expressions care about, including the line terminators {@code .} and {@code $} treat apart. */
    private static final String SPECIAL = "`~#*-_+.:/\\ \t\u000B\f\r\n(){}[]\"'=<>|;,!?0129aAbcfFpPlLjzZ"
            + "\u2013\u2014\u0085\u2028\u2029\u00a0\u3000é";

    private static final List<String> PIECES = List.of(
            "### ", "# ", "####### ", "**", "__", "*", "_", "`", "``", "```", "````", "~~~", "~~", "  ", "\t",
            "File:", "file name:", "FILE PATH :", "Path: ", "location:", "Filename", "1. ", "12) ", "1234. ", "- ",
            "+ ", "* ", "// ", "/// ", "# ", "-- ", ";; ", "/* ", " */", "<!-- ", " -->", "file: ", "path=",
            "title=\"", "filename='", "{.", "{", "}", "java", "python", "c++", "c#", "objective-c", "java:",
            "src/main/java/demo/Foo.java", "Foo.java", "app.py", "Makefile", "Dockerfile", "LICENSE", "README",
            "docs/", "./", "../", "..", "~/x.txt", "/etc/passwd", "C:\\x\\y.py", "c:/y.js", "C:", "a\\b",
            "http://x/y.py",
            ".toolongextension", ".TXT", ".md", ".", " (new)", " (", ")", " - the entry point", " \u2013 ", " \u2014 x",
            ":", " :", " #", " ##", "Create ", "Save this as ", "with:", "Step 2: add ", "---", "***", "___", "= = =",
            "\u0085", "\u2028", "\r", " ");

    private static Gen<String> lines() {
        Gen<String> piece = arbitrary().pick(PIECES);
        Gen<String> special = integers().between(0, SPECIAL.length() - 1).map(i -> String.valueOf(SPECIAL.charAt(i)));
        Gen<String> any = integers().between(1, 0xFFFF).map(c -> String.valueOf((char) c.intValue()));
        Gen<String> part = integers().between(0, 9).zip(piece, special, any,
                (choice, p, s, a) -> choice < 5 ? p : choice < 9 ? s : a);
        return lists().of(part).ofSizeBetween(0, 12).map(parts -> String.join("", parts));
    }

    @Test
    void should_find_the_same_label_path_when_a_line_is_read_as_a_label() {
        qt().withExamples(EXAMPLES).forAll(lines()).checkAssert(line ->
                assertThat(PathNames.fromLabelLine(line)).as(line).isEqualTo(OriginalPathNames.fromLabelLine(line)));
    }

    @Test
    void should_find_the_same_intro_path_when_a_line_is_read_as_an_introduction() {
        qt().withExamples(EXAMPLES).forAll(lines()).checkAssert(line ->
                assertThat(PathNames.fromIntroLine(line)).as(line).isEqualTo(OriginalPathNames.fromIntroLine(line)));
    }

    @Test
    void should_find_the_same_comment_path_when_a_line_is_read_as_a_first_line() {
        qt().withExamples(EXAMPLES).forAll(lines()).checkAssert(line ->
                assertThat(PathNames.fromComment(line)).as(line).isEqualTo(OriginalPathNames.fromComment(line)));
    }

    @Test
    void should_find_the_same_path_and_language_when_a_line_is_read_as_an_info_string() {
        qt().withExamples(EXAMPLES).forAll(lines()).checkAssert(info -> {
            assertThat(PathNames.fromInfo(info)).as(info).isEqualTo(OriginalPathNames.fromInfo(info));
            assertThat(PathNames.language(info)).as(info).isEqualTo(OriginalPathNames.language(info));
        });
    }

    @Test
    void should_judge_tokens_and_separators_alike_when_given_any_line() {
        qt().withExamples(EXAMPLES).forAll(lines()).checkAssert(text -> {
            assertThat(PathNames.looksLikePath(text)).as(text).isEqualTo(OriginalPathNames.looksLikePath(text));
            assertThat(PathNames.hasFileName(text)).as(text).isEqualTo(OriginalPathNames.hasFileName(text));
            assertThat(PathNames.isSeparator(text)).as(text).isEqualTo(OriginalPathNames.isSeparator(text));
        });
    }

    @Test
    void should_open_and_close_the_same_fences_when_given_any_line() {
        qt().withExamples(EXAMPLES).forAll(lines(), lines()).checkAssert((line, next) -> {
            Fence fence = Fence.open(line);
            OriginalFence original = OriginalFence.open(line);
            if (original == null) {
                assertThat(fence).as(line).isNull();
                return;
            }
            assertThat(fence).as(line).isNotNull();
            assertThat(List.of(fence.indent(), fence.marker(), fence.length(), fence.info(), fence.language()))
                    .as(line)
                    .isEqualTo(List.of(original.indent(), original.marker(), original.length(), original.info(),
                            original.language()));
            assertThat(fence.isClosedBy(next)).as(next).isEqualTo(original.isClosedBy(next));
            assertThat(fence.isClosedBy(line)).as(line).isEqualTo(original.isClosedBy(line));
        });
    }

    @Test
    void should_find_the_same_json_object_starts_when_scanning_any_text() {
        Pattern objectStart = Pattern.compile("\\{\\s*\"");
        qt().withExamples(EXAMPLES).forAll(lines(), integers().between(0, 20)).checkAssert((text, from) -> {
            int start = Math.min(from, text.length());
            Matcher matcher = objectStart.matcher(text);
            int expected = matcher.find(start) ? matcher.start() : -1;
            assertThat(JsonAnswerReader.objectStart(text, start)).as(text).isEqualTo(expected);
        });
    }
}
