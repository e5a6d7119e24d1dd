package io.qlp.core.decompose.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qlp.core.decompose.PlannedTask;
import io.qlp.core.decompose.TaskKind;
import io.qlp.core.decompose.TaskPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads a planner's answer into a {@link TaskPlan} with Jackson. */
public final class PlanReader {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Planners like to add fields such as "estimate"; they do no harm.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The raw shape, before the checks of {@link PlannedTask} and {@link TaskPlan}. */
    private record RawPlan(@Nullable List<RawTask> tasks) {
    }

    private record RawTask(@Nullable String id, @Nullable String kind, @Nullable String description,
                           @Nullable List<String> dependsOn, @Nullable List<String> files) {
    }

    private PlanReader() {
    }

    /**
     * The plan in {@code answer}.
     *
     * @throws io.qlp.api.NonRetriableQlpException with {@link io.qlp.api.ErrorCode#PLAN_INVALID}
     */
    public static TaskPlan read(String answer) {
        String json = jsonObject(answer);
        RawPlan raw;
        try {
            raw = MAPPER.readValue(json, RawPlan.class);
        } catch (JsonProcessingException e) {
            throw TaskPlan.invalid("json", "the plan is not valid JSON of the plan schema: "
                    + e.getOriginalMessage(), Map.of("line", e.getLocation() == null ? 0
                    : e.getLocation().getLineNr()));
        }
        if (raw.tasks() == null) {
            throw TaskPlan.invalid("json", "the plan has no \"tasks\" array", Map.of());
        }
        List<PlannedTask> tasks = new ArrayList<>();
        for (RawTask task : raw.tasks()) {
            if (task == null) {
                throw TaskPlan.invalid("json", "the \"tasks\" array contains null", Map.of());
            }
            try {
                tasks.add(new PlannedTask(task.id(), TaskKind.parse(task.kind()), task.description(),
                        task.dependsOn(), task.files()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw TaskPlan.invalid("json", "task " + (task.id() == null ? "without id" : "'" + task.id() + "'")
                        + " is not valid: " + e.getMessage(), Map.of());
            }
        }
        return new TaskPlan(tasks);
    }

    // The object from the first '{' to the last '}', so fences and prose around it do not matter.
    private static String jsonObject(String answer) {
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw TaskPlan.invalid("json", "the answer contains no JSON object", Map.of());
        }
        return answer.substring(start, end + 1);
    }
}
