package io.qlp.core.orchestration;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retries of the capsule workflow's activities. Travels in the workflow's input, so a run keeps the
 * policy it started with.
 *
 * <p>Model activities (plan, generate) time out after {@code modelTimeout}, heartbeat while the call runs and are
 * tried at most {@code modelAttempts} times; validation times out after {@code validationTimeout}, heartbeats, and is
 * tried at most {@code validationAttempts} times; route, prompt, repair and store get {@code stepTimeout} and
 * {@link #STEP_ATTEMPTS} tries. A worker that dies is noticed after {@code heartbeatTimeout}. Retries wait
 * {@code initialInterval}, doubling up to {@link #MAX_INTERVAL}; errors that are not retriable are never retried.
 *
 * <p>Example: {@code ActivityPolicy policy = ActivityPolicy.defaults().withHeartbeatTimeout(Duration.ofSeconds(5));}
 *
 * @param modelTimeout longest single model activity, including the model client's own retries
 * @param validationTimeout longest single validation
 * @param stepTimeout longest route, prompt, repair or store step
 * @param heartbeatTimeout how long a model call or validation may go without a heartbeat
 * @param initialInterval first wait before a retry
 * @param modelAttempts most tries of a model activity, at least 1
 * @param validationAttempts most tries of a validation, at least 1
 */
public record ActivityPolicy(Duration modelTimeout, Duration validationTimeout, Duration stepTimeout,
                             Duration heartbeatTimeout, Duration initialInterval, int modelAttempts,
                             int validationAttempts) {

    /** Most tries of route, prompt, repair and store. */
    public static final int STEP_ATTEMPTS = 5;
    /** Longest wait between retries. */
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the value when a duration is not positive or a count below 1
     */
    public ActivityPolicy {
        positive("modelTimeout", modelTimeout);
        positive("validationTimeout", validationTimeout);
        positive("stepTimeout", stepTimeout);
        positive("heartbeatTimeout", heartbeatTimeout);
        positive("initialInterval", initialInterval);
        if (modelAttempts < 1) {
            throw new IllegalArgumentException("modelAttempts must be at least 1: " + modelAttempts);
        }
        if (validationAttempts < 1) {
            throw new IllegalArgumentException("validationAttempts must be at least 1: " + validationAttempts);
        }
    }

    /** 10 min per model call, 15 min per validation, 2 min per other step, 30 s heartbeats, 2 s first retry, 4 and 3 tries. */
    public static ActivityPolicy defaults() {
        return new ActivityPolicy(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(2),
                Duration.ofSeconds(30), Duration.ofSeconds(2), 4, 3);
    }

    /** A copy with another heartbeat timeout. */
    public ActivityPolicy withHeartbeatTimeout(Duration timeout) {
        return new ActivityPolicy(modelTimeout, validationTimeout, stepTimeout, timeout, initialInterval,
                modelAttempts, validationAttempts);
    }

    /** A copy with another first retry interval. */
    public ActivityPolicy withInitialInterval(Duration interval) {
        return new ActivityPolicy(modelTimeout, validationTimeout, stepTimeout, heartbeatTimeout, interval,
                modelAttempts, validationAttempts);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
