package io.qlp.core.answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads files from fenced code blocks. A block's path comes, in this order, from its info string, from the line
 * right before it ({@code ### src/Foo.java}, {@code Save this as app.py:}), from a path comment on its first line,
 * from a label a few lines earlier, or, for Java, from its package and type. Blocks with none of these, such as
 * shell commands or usage examples, are not files.
 */
final class MarkdownAnswerReader {

    /** How many non-blank lines before a block may hold its label. */
    private static final int LABEL_LINES = 3;

    List<RawFile> read(String text) {
        List<String> lines = Arrays.asList(text.split("\n", -1));
        List<RawFile> files = new ArrayList<>();
        int regionStart = 0;
        int index = 0;
        while (index < lines.size()) {
            Fence fence = Fence.open(lines.get(index));
            if (fence == null) {
                index++;
                continue;
            }
            int close = index + 1;
            while (close < lines.size() && !fence.isClosedBy(lines.get(close))) {
                close++;
            }
            // An unclosed fence runs to the end: a truncated answer still yields the file for validation to judge.
            List<String> body = fence.unindent(lines.subList(index + 1, Math.min(close, lines.size())));
            toFile(lines.subList(regionStart, index), fence, body).ifPresent(files::add);
            regionStart = Math.min(close + 1, lines.size());
            index = close + 1;
        }
        return files;
    }

    private static Optional<RawFile> toFile(List<String> before, Fence fence, List<String> body) {
        List<String> labels = nearestLines(before);
        Optional<String> commentPath = body.isEmpty() ? Optional.empty() : PathNames.fromComment(body.get(0));
        Optional<String> path = PathNames.fromInfo(fence.info())
                .or(() -> labels.isEmpty() ? Optional.empty() : PathNames.fromLabelLine(labels.get(0))
                        .or(() -> PathNames.fromIntroLine(labels.get(0))))
                .or(() -> commentPath)
                .or(() -> labels.stream().skip(1).map(PathNames::fromLabelLine).flatMap(Optional::stream).findFirst());
        List<String> content = body;
        if (commentPath.isPresent() && path.isPresent() && PathNames.sameFile(commentPath.get(), path.get())) {
            content = withoutFirstLine(body);
        }
        String text = join(content);
        if (path.isEmpty()) {
            path = JavaPaths.derive(fence.language(), text);
        }
        return path.map(p -> new RawFile(p, text, null));
    }

    /** The last non-blank, non-separator lines before a block, nearest first. */
    private static List<String> nearestLines(List<String> before) {
        List<String> nearest = new ArrayList<>();
        for (int i = before.size() - 1; i >= 0 && nearest.size() < LABEL_LINES; i--) {
            String line = before.get(i);
            if (!line.isBlank() && !PathNames.isSeparator(line)) {
                nearest.add(line);
            }
        }
        return nearest;
    }

    /** The block without its path comment and the blank lines after it. */
    private static List<String> withoutFirstLine(List<String> body) {
        int start = 1;
        while (start < body.size() && body.get(start).isBlank()) {
            start++;
        }
        return body.subList(start, body.size());
    }

    /** The block's lines as file content: trailing blank lines dropped, one final line break unless empty. */
    private static String join(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return end == 0 ? "" : String.join("\n", lines.subList(0, end)) + "\n";
    }
}
