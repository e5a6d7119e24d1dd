package io.qlp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of {@link AnswerParser} over generated answers, checked with QuickTheories. */
class AnswerParserPropertiesTest {

    /** Characters of generated code lines: fence characters, JSON-ish and non-ASCII ones, but no path comments. */
    private static final List<String> CODE_CHARACTERS = List.of(
            "a", "Z", "0", " ", "\t", "`", "~", "{", "}", "\"", ";", "=", "(", ")", "*", "π", "é", ":");

    private final AnswerParser parser = new AnswerParser();

    @Test
    void should_return_every_file_unchanged_when_files_are_written_as_json() {
        qt().forAll(files(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 80)), booleans().all())
                .checkAssert((files, fenced) -> {
                    String json = filesJson(files);
                    String answer = "Here you go.\n\n" + (fenced ? "```json\n" + json + "\n```" : json)
                            + "\n\nTell me if you want changes.";

                    assertThat(contents(parser.parse(answer))).isEqualTo(lastWins(files));
                });
    }

    @Test
    void should_return_every_block_when_files_are_written_as_markdown_with_headings() {
        qt().forAll(files(codeLines()), booleans().all())
                .checkAssert((files, dotSlash) -> {
                    StringBuilder answer = new StringBuilder("Here is the code.\n\n");
                    for (GeneratedFile file : files) {
                        String fence = "`".repeat(Math.max(3, longestBacktickRun(file.content()) + 1));
                        answer.append("### ").append(dotSlash ? "./" : "").append(file.path()).append('\n')
                                .append(fence).append('\n').append(file.content());
                        if (!file.content().isEmpty()) {
                            answer.append('\n');
                        }
                        answer.append(fence).append("\n\nSome words about it.\n\n");
                    }

                    Map<String, String> expected = new LinkedHashMap<>();
                    lastWins(files).forEach((path, content) -> expected.put(path, asBlockContent(content)));
                    assertThat(contents(parser.parse(answer.toString()))).isEqualTo(expected);
                });
    }

    @Test
    void should_reject_the_answer_when_any_path_climbs_out_with_dot_dot() {
        qt().forAll(path(), integers().between(0, 3))
                .checkAssert((path, position) -> {
                    List<String> segments = new ArrayList<>(List.of(path.split("/")));
                    segments.add(Math.min(position, segments.size() - 1), "..");
                    String unsafe = String.join("/", segments);
                    String answer = "### " + unsafe + "\n```\nx = 1\n```\n";

                    assertThatThrownBy(() -> parser.parse(answer))
                            .isInstanceOfSatisfying(NonRetriableQlpException.class,
                                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH));
                });
    }

    private record GeneratedFile(String path, String content) {
    }

    private static Gen<List<GeneratedFile>> files(Gen<String> contents) {
        Gen<GeneratedFile> file = path().zip(contents, GeneratedFile::new);
        return lists().of(file).ofSizeBetween(1, 4);
    }

    private static Gen<String> path() {
        Gen<String> segment = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8);
        Gen<String> extension = Generate.pick(List.of("java", "py", "js", "md", "json", "txt", "yml"));
        return lists().of(segment).ofSizeBetween(1, 3)
                .zip(extension, (segments, ext) -> String.join("/", segments) + "." + ext);
    }

    private static Gen<String> codeLines() {
        Gen<String> line = lists().of(Generate.pick(CODE_CHARACTERS)).ofSizeBetween(0, 30)
                .map(characters -> String.join("", characters));
        return lists().of(line).ofSizeBetween(0, 6).map(lines -> String.join("\n", lines));
    }

    private static String filesJson(List<GeneratedFile> files) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode array = root.putArray("files");
        files.forEach(f -> array.addObject().put("path", f.path()).put("content", f.content()));
        return root.toString();
    }

    /** What a fenced block gives back: trailing blank lines dropped, one final line break. */
    private static String asBlockContent(String content) {
        List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static Map<String, String> lastWins(List<GeneratedFile> files) {
        Map<String, String> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path(), f.content()));
        return byPath;
    }

    private static Map<String, String> contents(ParsedAnswer parsed) {
        Map<String, String> byPath = new LinkedHashMap<>();
        parsed.files().forEach(f -> byPath.put(f.path(), f.content()));
        return byPath;
    }

    private static int longestBacktickRun(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
