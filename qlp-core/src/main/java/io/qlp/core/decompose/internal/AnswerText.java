package io.qlp.core.decompose.internal;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes files in the answer format the system prompt asks for, so they can stand in for a model's answer. */
public final class AnswerText {

    private static final Pattern BACKTICKS = Pattern.compile("`{3,}");

    private AnswerText() {
    }

    /** Each file as a {@code ### path} heading and a fenced block longer than any backtick run inside it. */
    public static String render(List<CapsuleFile> files, Language language) {
        StringBuilder text = new StringBuilder();
        for (CapsuleFile file : files) {
            String fence = "`".repeat(Math.max(3, longestRun(file.content()) + 1));
            text.append("### ").append(file.path()).append('\n')
                    .append(fence).append(fenceLanguage(file.path(), language)).append('\n')
                    .append(file.content());
            if (!file.content().endsWith("\n")) {
                text.append('\n');
            }
            text.append(fence).append("\n\n");
        }
        return text.toString();
    }

    private static int longestRun(String content) {
        int longest = 0;
        Matcher matcher = BACKTICKS.matcher(content);
        while (matcher.find()) {
            longest = Math.max(longest, matcher.group().length());
        }
        return longest;
    }

    private static String fenceLanguage(String path, Language language) {
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1);
        return switch (extension) {
            case "java" -> "java";
            case "py" -> "python";
            case "js", "cjs", "mjs" -> "javascript";
            case "md" -> "markdown";
            case "json" -> "json";
            case "xml" -> "xml";
            case "toml" -> "toml";
            default -> extension.isEmpty() ? language.id() : extension;
        };
    }
}
