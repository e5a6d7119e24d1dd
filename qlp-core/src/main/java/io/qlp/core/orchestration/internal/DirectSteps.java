package io.qlp.core.orchestration.internal;

import io.qlp.api.Capsule;
import io.qlp.api.ErrorCode;
import io.qlp.api.ProgressListener;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.ValidationReport;
import io.qlp.core.orchestration.CapsuleActivities.ModelCall;
import io.qlp.core.orchestration.CapsuleActivities.ModelReply;
import io.qlp.core.orchestration.CapsuleActivities.PlanReply;
import io.qlp.core.orchestration.CapsuleActivities.Prompt;
import io.qlp.core.orchestration.CapsuleActivities.PromptCall;
import io.qlp.core.orchestration.CapsuleActivities.Repair;
import io.qlp.core.orchestration.CapsuleActivities.RepairCall;
import io.qlp.core.orchestration.CapsuleActivities.Route;
import io.qlp.core.orchestration.CapsuleActivities.RouteCall;
import io.qlp.core.orchestration.CapsuleActivities.StoreCall;
import io.qlp.core.orchestration.CapsuleActivities.ValidateCall;
import io.qlp.core.orchestration.RunProgress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps called directly in this process: the in-process run of a decomposed request. */
public final class DirectSteps implements PipelineSteps {

    private static final Logger LOG = LoggerFactory.getLogger(DirectSteps.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final PipelineActions actions;
    private final ProgressListener listener;
    private final Clock clock;

    /** Steps over {@code actions}, telling {@code listener} and timing with {@code clock}. */
    public DirectSteps(PipelineActions actions, ProgressListener listener, Clock clock) {
        this.actions = actions;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public Route route(RouteCall call) {
        return actions.route(call);
    }

    @Override
    public Prompt prompt(PromptCall call) {
        return actions.prompt(call);
    }

    @Override
    public PlanReply plan(ModelCall call) {
        return actions.plan(call);
    }

    @Override
    public ModelReply generate(ModelCall call) {
        return actions.generate(call);
    }

    /** Runs the calls on a pool of at most {@code maxParallel} threads; the first failure cancels the rest. */
    @Override
    public List<ModelReply> generateAll(List<ModelCall> calls, int maxParallel) {
        if (calls.size() == 1) {
            return List.of(actions.generate(calls.get(0)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxParallel, calls.size()), task -> {
            Thread thread = new Thread(task, "qlp-task-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ModelReply>> futures = new ArrayList<>();
            for (ModelCall call : calls) {
                futures.add(pool.submit(() -> actions.generate(call)));
            }
            List<ModelReply> replies = new ArrayList<>();
            for (Future<ModelReply> future : futures) {
                replies.add(await(future));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ModelReply await(Future<ModelReply> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.MODEL_UNAVAILABLE, "interrupted while tasks were running",
                    io.qlp.api.ErrorContext.empty(), Map.of(), e);
        } catch (CancellationException e) {
            throw new RetriableQlpException(ErrorCode.MODEL_UNAVAILABLE, "a task was cancelled",
                    io.qlp.api.ErrorContext.empty(), Map.of(), e);
        }
    }

    @Override
    public ValidationReport validate(ValidateCall call) {
        return actions.validate(call);
    }

    @Override
    public Repair repair(RepairCall call) {
        return actions.repair(call);
    }

    @Override
    public Capsule store(StoreCall call) {
        return actions.store(call);
    }

    @Override
    public void progress(RunProgress progress) {
        try {
            listener.onProgress(progress.event());
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on {}: {}", progress.stage(), e.toString());
        }
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public @Nullable String requestId() {
        return null;
    }
}
