package io.qlp.core.decompose;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One task of a {@link TaskPlan}: what to write, and which tasks must be done first.
 *
 * <p>Example: {@code new PlannedTask("tests", TaskKind.TESTS, "JUnit 5 tests of the parser", List.of("parser"), List.of())}
 *
 * @param id unique within the plan: 1 to {@value #MAX_ID_LENGTH} letters, digits, {@code -} or {@code _}
 * @param kind what the task produces
 * @param description what to write, for the model; not blank, at most {@value #MAX_DESCRIPTION_LENGTH} characters
 * @param dependsOn ids of the tasks whose files this task needs
 * @param files paths the planner expects the task to write; a hint for the model, may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlannedTask(String id, TaskKind kind, String description, List<String> dependsOn, List<String> files) {

    /** Longest task id. */
    public static final int MAX_ID_LENGTH = 40;
    /** Longest task description. */
    public static final int MAX_DESCRIPTION_LENGTH = 4_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");

    /**
     * Checks every field and copies the lists.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public PlannedTask {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("task id must be 1 to " + MAX_ID_LENGTH
                    + " letters, digits, '-' or '_': '" + id + "'");
        }
        Objects.requireNonNull(kind, "kind of task " + id);
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("task '" + id + "' has no description");
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("task '" + id + "' description is " + description.length()
                    + " characters; the limit is " + MAX_DESCRIPTION_LENGTH);
        }
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
