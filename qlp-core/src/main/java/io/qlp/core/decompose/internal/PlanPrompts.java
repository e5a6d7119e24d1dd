package io.qlp.core.decompose.internal;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import io.qlp.core.decompose.PlannedTask;
import io.qlp.core.decompose.TaskPlan;
import java.util.List;

/**
 * The planner's prompts (with the plan's JSON schema) and the prompt of one task. docs/orchestration.md quotes the
 * schema; change both together, and bump {@link #PLAN_PROMPT_VERSION}.
 */
public final class PlanPrompts {

    /** Bumped whenever a prompt here changes. */
    public static final String PLAN_PROMPT_VERSION = "1";

    /** The JSON schema the planner is asked to follow. */
    public static final String PLAN_SCHEMA = """
            {
              "type": "object",
              "required": ["tasks"],
              "properties": {
                "tasks": {
                  "type": "array", "minItems": 1, "maxItems": %d,
                  "items": {
                    "type": "object",
                    "required": ["id", "kind", "description"],
                    "properties": {
                      "id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,40}$"},
                      "kind": {"enum": ["code", "tests", "docs"]},
                      "description": {"type": "string", "minLength": 1},
                      "dependsOn": {"type": "array", "items": {"type": "string"}},
                      "files": {"type": "array", "items": {"type": "string"}}
                    }
                  }
                }
              }
            }""";

    private PlanPrompts() {
    }

    /** The planner's system prompt. */
    public static String plannerSystem(Language language, int maxTasks) {
        return """
                You are a software architect. Split the user's request into at most %d tasks that other engineers
                will do, each writing files of one %s project. Kinds: "code" (production code), "tests" (tests of
                code from the tasks it depends on) and "docs" (documentation). List in "dependsOn" the ids of the
                tasks whose files a task needs; tasks with no dependency between them are done in parallel, so
                only add dependencies that are real. Dependencies must not form a cycle.

                Answer with only one JSON object that follows this JSON schema, and no other text:

                %s
                """.formatted(maxTasks, language.id(), PLAN_SCHEMA.formatted(maxTasks));
    }

    /** The prompt sent after a plan that could not be used, quoting the problem. */
    public static String planRepair(String problem) {
        return "Your plan could not be used: " + problem + "\n\nAnswer again with only the corrected JSON object"
                + " that follows the schema: valid JSON, unique task ids, dependencies that name tasks of the plan,"
                + " and no dependency cycle.";
    }

    /**
     * The user prompt of one task: the request, the whole plan, the task, and the files earlier tasks wrote.
     *
     * @param requestPrompt the request as {@link io.qlp.core.internal.PromptBuilder#request} words it
     */
    public static String task(String requestPrompt, TaskPlan plan, PlannedTask task, List<CapsuleFile> earlierFiles,
                              Language language) {
        StringBuilder text = new StringBuilder(requestPrompt.strip()).append("\n\n");
        text.append("The work is split into these tasks:\n");
        for (PlannedTask planned : plan.tasks()) {
            text.append("- ").append(planned.id()).append(" (").append(planned.kind().id()).append(")");
            if (!planned.dependsOn().isEmpty()) {
                text.append(", after ").append(String.join(", ", planned.dependsOn()));
            }
            text.append(": ").append(planned.description().strip()).append('\n');
        }
        text.append("\nDo only task '").append(task.id()).append("' (").append(task.kind().id()).append("): ")
                .append(task.description().strip()).append('\n');
        if (!task.files().isEmpty()) {
            text.append("Expected files: ").append(String.join(", ", task.files())).append('\n');
        }
        if (!earlierFiles.isEmpty()) {
            text.append("\nFiles written by earlier tasks, for reference; repeat one only if your task changes it:\n\n")
                    .append(AnswerText.render(earlierFiles, language));
        }
        text.append("\nAnswer with the files of this task only, in the format described.");
        return text.toString();
    }
}
