package io.qlp.core.internal;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.ValidationReport;
import java.util.List;

/**
 * Writes the system, request and repair prompts. The answer format asked for here is the one
 * {@link io.qlp.core.answer.AnswerParser} reads best; docs/capsule-format.md documents both.
 */
public final class PromptBuilder {

    /** Bumped whenever a prompt changes, because cached answers depend on it. */
    public static final String PROMPT_VERSION = "1";

    /** Findings beyond this many are summarised, so a broken capsule cannot blow up the prompt. */
    static final int MAX_FINDINGS_IN_REPAIR = 40;

    /** The system prompt for a language. */
    public String system(Language language) {
        return """
                You are a senior software engineer. You write complete, working code with tests.
                Answer with files only. Put each file in a fenced code block, preceded by a heading line
                with its path relative to the project root, like this:

                ### %s
                ```%s
                ...file content...
                ```

                Rules:
                %s
                - Write every file in full; never elide code with comments such as "rest unchanged".
                - Paths are relative, use '/', and never contain '..'.
                - No prose outside the files is needed.
                """.formatted(examplePath(language), language.id(), layoutRules(language));
    }

    private static String examplePath(Language language) {
        return switch (language) {
            case JAVA -> "src/main/java/com/example/Greeter.java";
            case PYTHON -> "greeter.py";
            case JAVASCRIPT -> "greeter.js";
        };
    }

    private static String layoutRules(Language language) {
        return switch (language) {
            case JAVA -> """
                    - Java 17, Maven layout: production code under src/main/java, tests under src/test/java,
                      in matching packages.
                    - Tests use JUnit 5 (org.junit.jupiter.api) only; no other libraries than the JDK and JUnit 5.
                    - Include at least one test class with meaningful assertions.""";
            case PYTHON -> """
                    - Python 3.11 modules at the project root; tests in test_*.py files with test_* functions
                      for pytest, using plain assert statements.
                    - Standard library only.""";
            case JAVASCRIPT -> """
                    - Node.js 20 CommonJS modules; tests in *.test.js files using node:test and node:assert.
                    - No npm dependencies.""";
        };
    }

    /** The user prompt for a request, with remembered examples if any. */
    public String request(CapsuleRequest request, List<String> rememberedExamples) {
        StringBuilder text = new StringBuilder();
        text.append("Build this in ").append(request.language().id());
        if (request.framework() != null) {
            text.append(" with ").append(request.framework());
        }
        text.append(":\n\n").append(request.description().strip()).append('\n');
        appendList(text, "Requirements", request.requirements());
        appendList(text, "Constraints", request.constraints());
        if (!rememberedExamples.isEmpty()) {
            text.append("\nValidated code from similar past requests, for reference only:\n");
            for (String example : rememberedExamples) {
                text.append("\n---\n").append(example.strip()).append('\n');
            }
            text.append("---\n");
        }
        return text.toString();
    }

    private static void appendList(StringBuilder text, String title, List<String> items) {
        if (!items.isEmpty()) {
            text.append('\n').append(title).append(":\n");
            items.forEach(item -> text.append("- ").append(item.strip()).append('\n'));
        }
    }

    /** The prompt that asks for a repair, quoting the validator's errors as {@code file:line: message}. */
    public String repair(ValidationReport report) {
        List<Finding> errors = report.errors();
        StringBuilder text = new StringBuilder("Validation failed. Fix these problems:\n\n");
        errors.stream().limit(MAX_FINDINGS_IN_REPAIR)
                .forEach(f -> text.append("- [").append(f.stage()).append("] ").append(f.describe()).append('\n'));
        if (errors.size() > MAX_FINDINGS_IN_REPAIR) {
            text.append("- … and ").append(errors.size() - MAX_FINDINGS_IN_REPAIR).append(" more\n");
        }
        text.append("\nAnswer with the complete corrected files, every file of the project, in the same format.");
        return text.toString();
    }

    /** The prompt sent after an answer in which no file could be read. */
    public String formatReminder() {
        return "Your answer contained no files I could read. Answer again with every file in a fenced code block, "
                + "each preceded by a '### path' heading line.";
    }
}
