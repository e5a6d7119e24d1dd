package io.qlp.core.decompose;

import io.qlp.core.testing.RespondingChatModel;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decomposed request's script: a plan of three tasks, {@code adder} and {@code multiplier} independent and
 * {@code tests} after both, and a model whose two independent task calls wait for each other on a barrier, so they
 * can only both finish when they run at the same time.
 */
public final class ThreeTaskScript {

    /** The plan the planner answers. */
    public static final String PLAN = """
            Here is the plan:
            ```json
            {"tasks": [
              {"id": "adder", "kind": "code", "description": "demo.Adder with static int add(int, int)",
               "dependsOn": [], "files": ["src/main/java/demo/Adder.java"]},
              {"id": "multiplier", "kind": "code", "description": "demo.Multiplier with static int times(int, int)",
               "dependsOn": []},
              {"id": "tests", "kind": "tests", "description": "JUnit 5 tests of Adder and Multiplier",
               "dependsOn": ["adder", "multiplier"]}
            ]}
            ```
            """;

    /** A plan whose tasks depend on each other in a cycle. */
    public static final String CYCLIC_PLAN = """
            {"tasks": [
              {"id": "a", "kind": "code", "description": "part a", "dependsOn": ["b"]},
              {"id": "b", "kind": "code", "description": "part b", "dependsOn": ["a"]}
            ]}""";

    static final String ADDER = """
            ### src/main/java/demo/Adder.java
            ```java
            package demo;

            public final class Adder {
                public static int add(int a, int b) { return a + b; }
            }
            ```
            """;

    static final String MULTIPLIER = """
            ### src/main/java/demo/Multiplier.java
            ```java
            package demo;

            public final class Multiplier {
                public static int times(int a, int b) { return a * b; }
            }
            ```
            """;

    static final String TESTS = """
            ### src/test/java/demo/CalculatorTest.java
            ```java
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;

            class CalculatorTest {
                @Test
                void adds() { assertEquals(5, Adder.add(2, 3)); }

                @Test
                void multiplies() { assertEquals(6, Multiplier.times(2, 3)); }
            }
            ```
            """;

    /** Files the capsule must hold. */
    public static final String[] PATHS = {"src/main/java/demo/Adder.java", "src/main/java/demo/Multiplier.java",
        "src/test/java/demo/CalculatorTest.java"};

    private final CyclicBarrier independentTasks = new CyclicBarrier(2);
    private final AtomicInteger planCalls = new AtomicInteger();
    private final AtomicInteger taskCalls = new AtomicInteger();
    private final String[] plans;

    private ThreeTaskScript(String... plans) {
        this.plans = plans;
    }

    /** The planner answers {@link #PLAN}. */
    public static ThreeTaskScript valid() {
        return new ThreeTaskScript(PLAN);
    }

    /** The planner answers these plans in turn, then the last one again. */
    public static ThreeTaskScript planning(String... plans) {
        return new ThreeTaskScript(plans);
    }

    /** A model playing planner and task workers. */
    public RespondingChatModel model() {
        return RespondingChatModel.answering(this::answer);
    }

    /** Planner calls so far. */
    public int planCalls() {
        return planCalls.get();
    }

    /** Task calls so far. */
    public int taskCalls() {
        return taskCalls.get();
    }

    private String answer(RespondingChatModel.Call call) {
        if (call.systemText().contains("software architect")) {
            int index = planCalls.getAndIncrement();
            return plans[Math.min(index, plans.length - 1)];
        }
        taskCalls.incrementAndGet();
        String task = call.lastUserText();
        if (task.contains("Do only task 'adder'")) {
            awaitTheOtherIndependentTask();
            return ADDER;
        }
        if (task.contains("Do only task 'multiplier'")) {
            awaitTheOtherIndependentTask();
            return MULTIPLIER;
        }
        if (task.contains("Do only task 'tests'")) {
            if (!task.contains("public static int add") || !task.contains("public static int times")) {
                throw new IllegalStateException("the tests task did not see the files of the tasks it depends on");
            }
            return TESTS;
        }
        throw new IllegalStateException("unexpected call: " + task);
    }

    // Both independent tasks must be inside the model at once; run one after the other, the first times out.
    private void awaitTheOtherIndependentTask() {
        try {
            independentTasks.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the independent tasks did not run in parallel: " + e, e);
        }
    }
}
