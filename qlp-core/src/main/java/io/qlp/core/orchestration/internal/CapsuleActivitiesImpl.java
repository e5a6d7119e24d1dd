package io.qlp.core.orchestration.internal;

import io.qlp.api.Capsule;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.ValidationReport;
import io.qlp.core.orchestration.CapsuleActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The activities over {@link PipelineActions}. Model calls and validation run on a helper thread while the activity
 * thread heartbeats, so a worker that dies is noticed after the heartbeat timeout, not after the whole call's timeout;
 * a {@link QlpException} becomes an application failure that is non-retryable exactly when the error is.
 */
public final class CapsuleActivitiesImpl implements CapsuleActivities, AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final PipelineActions actions;
    private final ExecutorService work = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "qlp-activity-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Activities over {@code actions}. */
    public CapsuleActivitiesImpl(PipelineActions actions) {
        this.actions = actions;
    }

    @Override
    public Route route(RouteCall call) {
        return translated(() -> actions.route(call));
    }

    @Override
    public Prompt prompt(PromptCall call) {
        return translated(() -> actions.prompt(call));
    }

    @Override
    public PlanReply plan(ModelCall call) {
        return heartbeating(() -> actions.plan(call), ErrorCode.MODEL_UNAVAILABLE);
    }

    @Override
    public ModelReply generate(ModelCall call) {
        return heartbeating(() -> actions.generate(call), ErrorCode.MODEL_UNAVAILABLE);
    }

    @Override
    public ValidationReport validate(ValidateCall call) {
        return heartbeating(() -> actions.validate(call), ErrorCode.VALIDATION_INFRASTRUCTURE);
    }

    @Override
    public Repair repair(RepairCall call) {
        return translated(() -> actions.repair(call));
    }

    @Override
    public Capsule store(StoreCall call) {
        return translated(() -> actions.store(call));
    }

    private static <T> T translated(Supplier<T> step) {
        try {
            return step.get();
        } catch (QlpException e) {
            throw Failures.toFailure(e);
        }
    }

    /** Runs {@code step} on a helper thread, heartbeating at a third of the heartbeat timeout until it ends. */
    private <T> T heartbeating(Supplier<T> step, ErrorCode onInterrupt) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        long intervalMillis = timeout.isZero() ? 10_000 : Math.max(100, timeout.toMillis() / 3);
        Future<T> future = work.submit(step::get);
        try {
            while (true) {
                try {
                    return future.get(intervalMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    context.heartbeat(null);
                }
            }
        } catch (ActivityCompletionException e) {
            // Cancelled, or timed out on the server: stop working on an answer nobody will read.
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw Failures.toFailure(new RetriableQlpException(onInterrupt, "the worker is shutting down",
                    ErrorContext.empty(), Map.of(), e));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QlpException qlp) {
                throw Failures.toFailure(qlp);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the helper threads. */
    @Override
    public void close() {
        work.shutdownNow();
    }
}
