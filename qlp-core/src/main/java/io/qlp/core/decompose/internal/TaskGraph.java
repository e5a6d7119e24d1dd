package io.qlp.core.decompose.internal;

import io.qlp.core.decompose.PlannedTask;
import io.qlp.core.decompose.TaskPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a plan's dependency graph and orders it in waves (Kahn's algorithm, one layer at a time). */
public final class TaskGraph {

    private TaskGraph() {
    }

    /**
     * Fails on duplicate ids, unknown or self dependencies, and cycles, naming the tasks involved.
     *
     * @throws io.qlp.api.NonRetriableQlpException with {@link io.qlp.api.ErrorCode#PLAN_INVALID}
     */
    public static void check(List<PlannedTask> tasks) {
        Map<String, PlannedTask> byId = new LinkedHashMap<>();
        for (PlannedTask task : tasks) {
            if (byId.putIfAbsent(task.id(), task) != null) {
                throw TaskPlan.invalid("duplicate_id", "two tasks have the id '" + task.id() + "'",
                        Map.of("task", task.id()));
            }
        }
        for (PlannedTask task : tasks) {
            for (String dependency : task.dependsOn()) {
                if (!byId.containsKey(dependency)) {
                    throw TaskPlan.invalid("unknown_dependency", "task '" + task.id() + "' depends on '"
                            + dependency + "', which is not a task of the plan; tasks are " + byId.keySet(),
                            Map.of("task", task.id(), "dependency", dependency));
                }
            }
        }
        List<String> cycle = findCycle(byId);
        if (!cycle.isEmpty()) {
            throw TaskPlan.invalid("cycle", "the tasks depend on each other in a cycle: "
                    + String.join(" -> ", cycle), Map.of("cycle", String.join(" -> ", cycle)));
        }
    }

    /** The tasks in dependency layers; the plan must have passed {@link #check(List)}. */
    public static List<List<PlannedTask>> waves(List<PlannedTask> tasks) {
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<PlannedTask>> dependents = new HashMap<>();
        for (PlannedTask task : tasks) {
            waitingFor.put(task.id(), (int) task.dependsOn().stream().distinct().count());
            task.dependsOn().stream().distinct()
                    .forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(task));
        }
        List<List<PlannedTask>> waves = new ArrayList<>();
        List<PlannedTask> ready = tasks.stream().filter(t -> waitingFor.get(t.id()) == 0).toList();
        while (!ready.isEmpty()) {
            waves.add(ready);
            Set<String> next = new HashSet<>();
            for (PlannedTask done : ready) {
                for (PlannedTask dependent : dependents.getOrDefault(done.id(), List.of())) {
                    if (waitingFor.merge(dependent.id(), -1, Integer::sum) == 0) {
                        next.add(dependent.id());
                    }
                }
            }
            // Planner order within a wave, so runs and prompts are the same every time.
            ready = tasks.stream().filter(t -> next.contains(t.id())).toList();
        }
        return waves;
    }

    // Depth-first search with colours; returns the first cycle found as ids, first id repeated at the end.
    private static List<String> findCycle(Map<String, PlannedTask> byId) {
        Map<String, Integer> colour = new HashMap<>();
        for (String start : byId.keySet()) {
            if (colour.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> edges = new ArrayDeque<>();
            colour.put(start, 1);
            path.push(start);
            edges.push(byId.get(start).dependsOn().iterator());
            while (!edges.isEmpty()) {
                java.util.Iterator<String> it = edges.peek();
                if (!it.hasNext()) {
                    colour.put(path.pop(), 2);
                    edges.pop();
                    continue;
                }
                String next = it.next();
                Integer state = colour.get(next);
                if (state == null) {
                    colour.put(next, 1);
                    path.push(next);
                    edges.push(byId.get(next).dependsOn().iterator());
                } else if (state == 1) {
                    List<String> cycle = new ArrayList<>();
                    List<String> onPath = new ArrayList<>(path);
                    java.util.Collections.reverse(onPath);
                    cycle.addAll(onPath.subList(onPath.indexOf(next), onPath.size()));
                    cycle.add(next);
                    return cycle;
                }
            }
        }
        return List.of();
    }
}
