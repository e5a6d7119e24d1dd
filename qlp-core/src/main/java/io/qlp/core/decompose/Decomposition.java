package io.qlp.core.decompose;

import io.qlp.api.CapsuleRequest;
import io.qlp.routing.ComplexityRouter;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * When and how a request is split into planned tasks. Requests whose complexity reaches {@link #threshold()} are
 * planned by the strongest configured tier; their tasks run on the routed tier, at most
 * {@link #maxParallelTasks()} at a time. Immutable and thread-safe.
 *
 * <p>Example:
 * <pre>{@code
 * Decomposition decomposition = Decomposition.builder().threshold(0.4).maxParallelTasks(3).maxTasks(6).build();
 * boolean split = decomposition.appliesTo(request);
 * }</pre>
 */
public final class Decomposition {

    /** Default complexity from which requests are decomposed: the complexity router's T3 threshold. */
    public static final double DEFAULT_THRESHOLD = ComplexityRouter.DEFAULT_T3;
    /** Default most tasks running at once. */
    public static final int DEFAULT_MAX_PARALLEL_TASKS = 3;
    /** Default most tasks in a plan. */
    public static final int DEFAULT_MAX_TASKS = 6;

    private static final Decomposition DISABLED = new Decomposition(false, 1.0, DEFAULT_MAX_PARALLEL_TASKS,
            DEFAULT_MAX_TASKS, request -> 0.0);

    private final boolean enabled;
    private final double threshold;
    private final int maxParallelTasks;
    private final int maxTasks;
    private final ToDoubleFunction<CapsuleRequest> complexity;

    private Decomposition(boolean enabled, double threshold, int maxParallelTasks, int maxTasks,
                          ToDoubleFunction<CapsuleRequest> complexity) {
        this.enabled = enabled;
        this.threshold = threshold;
        this.maxParallelTasks = maxParallelTasks;
        this.maxTasks = maxTasks;
        this.complexity = complexity;
    }

    /** No request is decomposed; the default of {@link io.qlp.core.CapsuleGenerator}. */
    public static Decomposition disabled() {
        return DISABLED;
    }

    /** A builder of an enabled decomposition, starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether any request can be decomposed. */
    public boolean isEnabled() {
        return enabled;
    }

    /** The complexity, in [0, 1], from which a request is decomposed. */
    public double threshold() {
        return threshold;
    }

    /** Most tasks running at once. */
    public int maxParallelTasks() {
        return maxParallelTasks;
    }

    /** Most tasks the planner may plan. */
    public int maxTasks() {
        return maxTasks;
    }

    /** The request's complexity, as this decomposition measures it. */
    public double complexity(CapsuleRequest request) {
        return complexity.applyAsDouble(request);
    }

    /** Whether {@code request} is planned as tasks. */
    public boolean appliesTo(CapsuleRequest request) {
        return enabled && complexity(request) >= threshold;
    }

    @Override
    public String toString() {
        return enabled ? "Decomposition[threshold=" + threshold + ", maxParallelTasks=" + maxParallelTasks
                + ", maxTasks=" + maxTasks + "]" : "Decomposition[disabled]";
    }

    /** Builds enabled {@link Decomposition}s. */
    public static final class Builder {
        private double threshold = DEFAULT_THRESHOLD;
        private boolean thresholdSet;
        private int maxParallelTasks = DEFAULT_MAX_PARALLEL_TASKS;
        private boolean maxParallelTasksSet;
        private int maxTasks = DEFAULT_MAX_TASKS;
        private boolean maxTasksSet;
        private ToDoubleFunction<CapsuleRequest> complexity;
        private boolean complexitySet;

        private Builder() {
            ComplexityRouter scorer = ComplexityRouter.create();
            this.complexity = request -> scorer.score(request).value();
        }

        /**
         * The complexity in [0, 1] from which requests are decomposed; 0 decomposes every request. Default
         * {@link Decomposition#DEFAULT_THRESHOLD}.
         *
         * @throws IllegalArgumentException naming the value when outside [0, 1]
         */
        public Builder threshold(double threshold) {
            if (thresholdSet) {
                throw new IllegalStateException("threshold was already set to " + this.threshold);
            }
            if (!(threshold >= 0.0 && threshold <= 1.0)) {
                throw new IllegalArgumentException("threshold must be within [0, 1]: " + threshold);
            }
            this.threshold = threshold;
            this.thresholdSet = true;
            return this;
        }

        /**
         * Most tasks running at once, 1 to 16; default {@value Decomposition#DEFAULT_MAX_PARALLEL_TASKS}.
         *
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder maxParallelTasks(int maxParallelTasks) {
            if (maxParallelTasksSet) {
                throw new IllegalStateException("maxParallelTasks was already set to " + this.maxParallelTasks);
            }
            if (maxParallelTasks < 1 || maxParallelTasks > 16) {
                throw new IllegalArgumentException("maxParallelTasks must be between 1 and 16: " + maxParallelTasks);
            }
            this.maxParallelTasks = maxParallelTasks;
            this.maxParallelTasksSet = true;
            return this;
        }

        /**
         * Most tasks in a plan, 1 to {@value TaskPlan#MAX_TASKS}; default {@value Decomposition#DEFAULT_MAX_TASKS}.
         *
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder maxTasks(int maxTasks) {
            if (maxTasksSet) {
                throw new IllegalStateException("maxTasks was already set to " + this.maxTasks);
            }
            if (maxTasks < 1 || maxTasks > TaskPlan.MAX_TASKS) {
                throw new IllegalArgumentException("maxTasks must be between 1 and " + TaskPlan.MAX_TASKS + ": "
                        + maxTasks);
            }
            this.maxTasks = maxTasks;
            this.maxTasksSet = true;
            return this;
        }

        /** How complexity is measured; default {@link ComplexityRouter#score} of {@code qlp-routing}. */
        public Builder complexity(ToDoubleFunction<CapsuleRequest> complexity) {
            if (complexitySet) {
                throw new IllegalStateException("complexity was already set");
            }
            this.complexitySet = true;
            this.complexity = Objects.requireNonNull(complexity, "complexity");
            return this;
        }

        /** Builds the decomposition. */
        public Decomposition build() {
            return new Decomposition(true, threshold, maxParallelTasks, maxTasks, complexity);
        }
    }
}
