package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.decompose.Decomposition;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Task decomposition, under {@code qlp.decomposition}; off unless {@code enabled: true}.
 *
 * <p>Example (YAML): {@code decomposition: {enabled: true, threshold: 0.45, max-parallel-tasks: 3, max-tasks: 6}}
 *
 * @param enabled whether complex requests are planned as tasks; default false
 * @param threshold complexity in [0, 1] from which a request is decomposed; default 0.45
 * @param maxParallelTasks most tasks at once, 1 to 16; default 3
 * @param maxTasks most tasks in a plan, 1 to 20; default 6
 */
public record DecompositionSettings(@Nullable Boolean enabled, @Nullable Double threshold,
                                    @Nullable Integer maxParallelTasks, @Nullable Integer maxTasks) {

    /** Off. */
    public static DecompositionSettings defaults() {
        return new DecompositionSettings(null, null, null, null);
    }

    /**
     * The decomposition these settings describe.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key of a bad value
     */
    public Decomposition toDecomposition() {
        if (!Boolean.TRUE.equals(enabled)) {
            return Decomposition.disabled();
        }
        Decomposition.Builder builder = Decomposition.builder();
        apply("threshold", () -> {
            if (threshold != null) builder.threshold(threshold);
        });
        apply("max-parallel-tasks", () -> {
            if (maxParallelTasks != null) builder.maxParallelTasks(maxParallelTasks);
        });
        apply("max-tasks", () -> {
            if (maxTasks != null) builder.maxTasks(maxTasks);
        });
        return builder.build();
    }

    private static void apply(String key, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "qlp.decomposition." + key + ": "
                    + e.getMessage(), Map.of("key", "qlp.decomposition." + key));
        }
    }
}
