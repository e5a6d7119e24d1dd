package io.qlp.core.decompose;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.decompose.internal.PlanReader;
import io.qlp.core.decompose.internal.TaskGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks a planner split a request into, with their dependencies: a graph without cycles whose dependencies all
 * name tasks of the plan. Its JSON form, the one the planner is asked for, is documented in docs/orchestration.md:
 * <pre>{@code
 * {"tasks": [
 *   {"id": "parser", "kind": "code",  "description": "...", "dependsOn": [],         "files": ["src/main/java/..."]},
 *   {"id": "tests",  "kind": "tests", "description": "...", "dependsOn": ["parser"]},
 *   {"id": "readme", "kind": "docs",  "description": "...", "dependsOn": ["parser"]}
 * ]}
 * }</pre>
 *
 * <p>Example: {@code List<List<PlannedTask>> waves = TaskPlan.parse(plannerAnswer).waves();}
 *
 * @param tasks the tasks in the planner's order; at least one, at most {@value #MAX_TASKS}
 */
public record TaskPlan(List<PlannedTask> tasks) {

    /** Most tasks in any plan. */
    public static final int MAX_TASKS = 20;

    /**
     * Checks the graph.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#PLAN_INVALID} and detail {@code reason}
     *     ({@code empty}, {@code too_many_tasks}, {@code duplicate_id}, {@code unknown_dependency} or {@code cycle})
     */
    public TaskPlan {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw invalid("empty", "the plan has no tasks", Map.of());
        }
        if (tasks.size() > MAX_TASKS) {
            throw invalid("too_many_tasks", "the plan has " + tasks.size() + " tasks; the limit is " + MAX_TASKS,
                    Map.of("tasks", tasks.size()));
        }
        TaskGraph.check(tasks);
    }

    /**
     * Reads the planner's answer: the JSON object itself, or one inside a fenced block or surrounded by prose.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#PLAN_INVALID}: detail {@code reason} is {@code json}
     *     when no JSON of the schema could be read, or one of the reasons of the constructor
     */
    public static TaskPlan parse(String answer) {
        return PlanReader.read(answer);
    }

    /**
     * The tasks in waves: every task of a wave depends only on tasks of earlier waves, so the tasks of one wave can
     * run in parallel. Within a wave, tasks keep the planner's order.
     */
    public List<List<PlannedTask>> waves() {
        return TaskGraph.waves(tasks);
    }

    /** The task with this id, if any. */
    public Optional<PlannedTask> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * This plan when it has at most {@code limit} tasks.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#PLAN_INVALID}, reason {@code too_many_tasks}
     */
    public TaskPlan requireAtMost(int limit) {
        if (tasks.size() > limit) {
            throw invalid("too_many_tasks", "the plan has " + tasks.size() + " tasks; at most " + limit
                    + " were asked for", Map.of("tasks", tasks.size(), "limit", limit));
        }
        return this;
    }

    /** A {@link ErrorCode#PLAN_INVALID} error with the given reason; for the plan's readers and checks. */
    public static NonRetriableQlpException invalid(String reason, String message, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("reason", reason);
        return new NonRetriableQlpException(ErrorCode.PLAN_INVALID, message, all);
    }
}
