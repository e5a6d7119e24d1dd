package io.qlp.core.decompose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskPlanTest {

    static PlannedTask task(String id, String... dependsOn) {
        return new PlannedTask(id, TaskKind.CODE, "task " + id, List.of(dependsOn), List.of());
    }

    @Test
    void should_order_tasks_in_waves_when_plan_is_read_from_fenced_json() {
        TaskPlan plan = TaskPlan.parse(ThreeTaskScript.PLAN);

        assertThat(plan.waves()).extracting(wave -> wave.stream().map(PlannedTask::id).toList())
                .containsExactly(List.of("adder", "multiplier"), List.of("tests"));
        assertThat(plan.task("tests").orElseThrow().kind()).isEqualTo(TaskKind.TESTS);
        assertThat(plan.task("adder").orElseThrow().files()).containsExactly("src/main/java/demo/Adder.java");
    }

    @Test
    void should_reject_with_reason_when_dependency_is_unknown() {
        assertThatThrownBy(() -> new TaskPlan(List.of(task("a", "ghost"))))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.PLAN_INVALID);
                    assertThat(e.details()).containsEntry("reason", "unknown_dependency")
                            .containsEntry("dependency", "ghost");
                });
    }

    @Test
    void should_reject_with_reason_when_ids_repeat_or_plan_is_empty_or_too_long() {
        assertThatThrownBy(() -> new TaskPlan(List.of(task("a"), task("a"))))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.details()).containsEntry("reason", "duplicate_id"));
        assertThatThrownBy(() -> new TaskPlan(List.of()))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.details()).containsEntry("reason", "empty"));
        assertThatThrownBy(() -> TaskPlan.parse(ThreeTaskScript.PLAN).requireAtMost(2))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.details()).containsEntry("reason", "too_many_tasks"));
    }

    @Test
    void should_name_the_cycle_when_tasks_depend_on_each_other() {
        assertThatThrownBy(() -> new TaskPlan(List.of(task("a", "c"), task("b", "a"), task("c", "b"), task("d"))))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.details()).containsEntry("reason", "cycle");
                    assertThat(e.rawMessage()).contains("a -> c -> b -> a");
                });
        assertThatThrownBy(() -> new TaskPlan(List.of(task("self", "self"))))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.details()).containsEntry("reason", "cycle"));
    }

    @Test
    void should_reject_as_json_problem_when_answer_is_not_the_schema() {
        for (String answer : List.of("no json here", "{\"tasks\": [", "{\"steps\": []}",
                "{\"tasks\": [{\"id\": \"a\", \"kind\": \"deploy\", \"description\": \"x\"}]}",
                "{\"tasks\": [{\"id\": \"bad id!\", \"kind\": \"code\", \"description\": \"x\"}]}")) {
            assertThatThrownBy(() -> TaskPlan.parse(answer)).as(answer)
                    .isInstanceOfSatisfying(QlpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.PLAN_INVALID);
                        assertThat(e.details()).containsEntry("reason", "json");
                    });
        }
    }

    /** Any acyclic graph (each task depends only on earlier ones): every task comes after all of its dependencies. */
    @Test
    void should_put_every_task_after_its_dependencies_when_graph_is_acyclic() {
        qt().forAll(lists().of(lists().of(integers().between(0, 30)).ofSizeBetween(0, 4)).ofSizeBetween(1, 15))
                .checkAssert(edges -> {
                    List<PlannedTask> tasks = new ArrayList<>();
                    for (int i = 0; i < edges.size(); i++) {
                        int index = i;
                        List<String> dependsOn = edges.get(i).stream().filter(d -> d < index).distinct()
                                .map(d -> "t" + d).toList();
                        tasks.add(new PlannedTask("t" + i, TaskKind.CODE, "task", dependsOn, List.of()));
                    }
                    List<List<PlannedTask>> waves = new TaskPlan(tasks).waves();
                    Set<String> done = new HashSet<>();
                    int count = 0;
                    for (List<PlannedTask> wave : waves) {
                        for (PlannedTask task : wave) {
                            assertThat(done).containsAll(task.dependsOn());
                        }
                        wave.forEach(task -> done.add(task.id()));
                        count += wave.size();
                    }
                    assertThat(count).isEqualTo(tasks.size());
                });
    }
}
