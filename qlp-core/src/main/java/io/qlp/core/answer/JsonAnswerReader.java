package io.qlp.core.answer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qlp.api.FileRole;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads files from {@code {"files":[{"path":…,"content":…,"role":…}]}} objects anywhere in an answer: bare, in a
 * fence, or between prose. Jackson parses from each place an object could start and stops at the object's end, so
 * text after it does not matter. Reading is lenient where models slip: raw line breaks inside strings, trailing
 * commas and comments are accepted.
 */
final class JsonAnswerReader {

    private static final List<String> PATH_FIELDS = List.of("path", "filename", "file", "name");
    private static final List<String> CONTENT_FIELDS = List.of("content", "contents", "code", "source");

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    List<RawFile> read(String text) {
        List<RawFile> files = new ArrayList<>();
        // Without the word, or an escape that could spell it, no object here can have a "files" key.
        if (text.indexOf("files") < 0 && text.indexOf('\\') < 0) {
            return files;
        }
        int from = 0;
        int at;
        while (from < text.length() && (at = objectStart(text, from)) >= 0) {
            ParsedObject parsed = parseObjectAt(text, at);
            JsonNode filesNode = parsed == null ? null : parsed.node().get("files");
            if (filesNode != null && filesNode.isArray()) {
                filesNode.forEach(entry -> toFile(entry, files));
                from = at + parsed.length();
            } else {
                // Not a files object, but one may be nested inside it, as in {"answer": {"files": [...]}}.
                from = at + 1;
            }
        }
        return files;
    }

    /**
     * Where the next opening brace followed by blanks and a double quote is, from {@code from} on, or -1: what the
     * regular expression for "brace, blanks, quote" finds, as a loop ({@code AnswerParsingDifferentialTest}
     * compares them).
     */
    static int objectStart(String text, int from) {
        for (int brace = text.indexOf('{', from); brace >= 0; brace = text.indexOf('{', brace + 1)) {
            int i = brace + 1;
            while (i < text.length() && PathNames.isRegexSpace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '"') {
                return brace;
            }
        }
        return -1;
    }

    private static @Nullable ParsedObject parseObjectAt(String text, int at) {
        try (StringReader reader = new StringReader(text)) {
            reader.skip(at);
            try (JsonParser parser = LENIENT.createParser(reader)) {
                JsonNode node = LENIENT.readTree(parser);
                if (node == null || !node.isObject()) {
                    return null;
                }
                return new ParsedObject(node, Math.max(1, (int) parser.currentLocation().getCharOffset()));
            }
        } catch (IOException e) {
            // Not JSON from here: prose or code that happens to contain {"; the next candidate may still be.
            return null;
        }
    }

    private static void toFile(JsonNode entry, List<RawFile> files) {
        if (!entry.isObject()) {
            return;
        }
        JsonNode path = firstPresent(entry, PATH_FIELDS);
        JsonNode content = firstPresent(entry, CONTENT_FIELDS);
        if (path == null || !path.isTextual() || content == null || content.isNull()) {
            return;
        }
        files.add(new RawFile(path.asText(), contentText(content), role(entry.get("role"))));
    }

    private static @Nullable JsonNode firstPresent(JsonNode entry, List<String> names) {
        for (String name : names) {
            JsonNode value = entry.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Text as it is; a JSON value (a model inlining package.json as an object) written back as pretty JSON. */
    private static String contentText(JsonNode content) {
        if (!content.isContainerNode()) {
            return content.asText();
        }
        try {
            return LENIENT.writerWithDefaultPrettyPrinter().writeValueAsString(content) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    private static @Nullable FileRole role(@Nullable JsonNode role) {
        if (role == null || !role.isTextual()) {
            return null;
        }
        String name = role.asText().strip().toUpperCase(Locale.ROOT);
        for (FileRole candidate : FileRole.values()) {
            if (name.equals(candidate.name()) || name.equals(candidate.name() + "S")) {
                return candidate;
            }
        }
        return null;
    }

    private record ParsedObject(JsonNode node, int length) {
    }
}
