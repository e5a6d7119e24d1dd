package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.orchestration.ActivityPolicy;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Temporal service and the workflow's policy, under {@code qlp.temporal}; used when {@code qlp.orchestration} is
 * {@code temporal}.
 *
 * <p>Example (YAML):
 * <pre>{@code
 * qlp:
 *   orchestration: temporal
 *   temporal: {target: "127.0.0.1:7233", namespace: default, task-queue: qlp-capsules, heartbeat-timeout: PT30S}
 * }</pre>
 *
 * @param target the frontend's {@code host:port}; default {@value #DEFAULT_TARGET}
 * @param namespace the namespace; default {@value #DEFAULT_NAMESPACE}
 * @param taskQueue the task queue workers poll and clients start on; default {@value #DEFAULT_TASK_QUEUE}
 * @param heartbeatTimeout how soon a dead worker's model call or validation is retried elsewhere; default 30 s
 * @param modelTimeout longest model activity; default 10 min
 * @param validationTimeout longest validation activity; default 15 min
 * @param retryInitialInterval first wait before an activity retry; default 2 s
 * @param modelAttempts most tries of a model activity; default 4
 * @param stickyExecution whether a worker keeps its runs' workflow tasks (Temporal's sticky execution); default true,
 *     false for Temporal's test server, which never hands a dead worker's sticky task to another worker
 */
public record TemporalSettings(@Nullable String target, @Nullable String namespace, @Nullable String taskQueue,
                               @Nullable Duration heartbeatTimeout, @Nullable Duration modelTimeout,
                               @Nullable Duration validationTimeout, @Nullable Duration retryInitialInterval,
                               @Nullable Integer modelAttempts, @Nullable Boolean stickyExecution) {

    /** The local development server's frontend. */
    public static final String DEFAULT_TARGET = "127.0.0.1:7233";
    /** Temporal's default namespace. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** The task queue of capsule workflows. */
    public static final String DEFAULT_TASK_QUEUE = "qlp-capsules";

    /** Every value at its default. */
    public static TemporalSettings defaults() {
        return new TemporalSettings(null, null, null, null, null, null, null, null, null);
    }

    /** Whether sticky execution is on; default true. */
    public boolean stickyExecutionEnabled() {
        return stickyExecution == null || stickyExecution;
    }

    /** The target, or the default. */
    public String resolvedTarget() {
        return target == null || target.isBlank() ? DEFAULT_TARGET : target.strip();
    }

    /** The namespace, or the default. */
    public String resolvedNamespace() {
        return namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.strip();
    }

    /** The task queue, or the default. */
    public String resolvedTaskQueue() {
        return taskQueue == null || taskQueue.isBlank() ? DEFAULT_TASK_QUEUE : taskQueue.strip();
    }

    /**
     * The activity policy: the defaults of {@link ActivityPolicy#defaults()} with the values set here.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming the key of a bad value
     */
    public ActivityPolicy policy() {
        ActivityPolicy defaults = ActivityPolicy.defaults();
        try {
            return new ActivityPolicy(
                    checked("model-timeout", modelTimeout, defaults.modelTimeout()),
                    checked("validation-timeout", validationTimeout, defaults.validationTimeout()),
                    defaults.stepTimeout(),
                    checked("heartbeat-timeout", heartbeatTimeout, defaults.heartbeatTimeout()),
                    checked("retry-initial-interval", retryInitialInterval, defaults.initialInterval()),
                    modelAttempts == null ? defaults.modelAttempts() : modelAttempts,
                    defaults.validationAttempts());
        } catch (IllegalArgumentException e) {
            throw configuration("qlp.temporal.model-attempts", "qlp.temporal.model-attempts: " + e.getMessage());
        }
    }

    private static Duration checked(String key, @Nullable Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw configuration("qlp.temporal." + key, "qlp.temporal." + key + " must be positive, was " + value);
        }
        return value;
    }

    private static NonRetriableQlpException configuration(String key, String message) {
        return new NonRetriableQlpException(ErrorCode.CONFIGURATION, message, Map.of("key", key));
    }
}
