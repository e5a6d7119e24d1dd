package io.qlp.core.orchestration;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.ProgressListener;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.core.internal.CapsuleIds;
import io.qlp.core.orchestration.CapsuleActivities.FailureDetails;
import io.qlp.core.orchestration.internal.Failures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Starts capsule workflows, waits for them and tells where they are. Thread-safe.
 *
 * <p>Example:
 * <pre>{@code
 * TemporalCapsuleClient client = TemporalCapsuleClient.of(connection);
 * CapsuleRun run = client.start(request);                      // ids known before any model call
 * Capsule capsule = client.await(run, event -> System.err.println(event.stage() + ": " + event.message()));
 * }</pre>
 */
public final class TemporalCapsuleClient {

    /** Prefix of capsule workflow ids: the workflow of capsule {@code c} is {@code qlp-capsule-c}. */
    public static final String WORKFLOW_ID_PREFIX = "qlp-capsule-";
    /** How often {@link #await(CapsuleRun, ProgressListener)} asks the workflow where it is. */
    public static final Duration PROGRESS_POLL = Duration.ofMillis(500);
    /** How long a progress query waits for a worker to answer. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

    private final TemporalConnection connection;

    private TemporalCapsuleClient(TemporalConnection connection) {
        this.connection = connection;
    }

    /** A client over {@code connection}. */
    public static TemporalCapsuleClient of(TemporalConnection connection) {
        return new TemporalCapsuleClient(Objects.requireNonNull(connection, "connection"));
    }

    /** The workflow id of a capsule. */
    public static String workflowId(String capsuleId) {
        return WORKFLOW_ID_PREFIX + capsuleId;
    }

    /** Starts a run with a fresh capsule id and returns at once. */
    public CapsuleRun start(CapsuleRequest request) {
        return start(request, CapsuleIds.next());
    }

    /**
     * Starts a run whose capsule gets {@code capsuleId}. Starting the same id twice while the first runs fails.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when a run of this capsule exists
     * @throws RetriableQlpException with {@link ErrorCode#ORCHESTRATION_UNAVAILABLE} when the Temporal
     *     service does not answer; the run was not started, so starting it again is safe
     */
    public CapsuleRun start(CapsuleRequest request, String capsuleId) {
        String workflowId = workflowId(capsuleId);
        CapsuleWorkflow workflow = connection.client().newWorkflowStub(CapsuleWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(connection.taskQueue()).setWorkflowId(workflowId).build());
        try {
            WorkflowClient.start(workflow::generate, new CapsuleWorkflowInput(capsuleId, request, connection.policy()));
        } catch (io.temporal.client.WorkflowExecutionAlreadyStarted e) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "a run of capsule " + capsuleId
                    + " was already started", ErrorContext.empty().withCapsuleId(capsuleId),
                    Map.of("workflowId", workflowId), e);
        } catch (WorkflowServiceException e) {
            Status status = unreachable(e);
            if (status == null) {
                throw e;
            }
            throw new RetriableQlpException(ErrorCode.ORCHESTRATION_UNAVAILABLE, "Temporal did not start"
                    + " the run of capsule " + capsuleId + ": " + status.getCode() + " on task queue "
                    + connection.taskQueue(), ErrorContext.empty().withCapsuleId(capsuleId),
                    Map.of("workflowId", workflowId, "status", status.getCode().name()), e);
        }
        return new CapsuleRun(capsuleId, workflowId);
    }

    /**
     * The request a capsule's run was started with, read from the first event of its workflow's history: another
     * server instance than the one that started the run learns from it whom the run belongs to. Empty when Temporal
     * knows no run of this capsule (never started, or its history is past the namespace's retention).
     *
     * <p>Example: {@code client.startedRequest(id).map(request -> request.metadata().get("tenant"))}
     *
     * @throws RetriableQlpException with {@link ErrorCode#ORCHESTRATION_UNAVAILABLE} when Temporal cannot be reached
     */
    public Optional<CapsuleRequest> startedRequest(String capsuleId) {
        String workflowId = workflowId(capsuleId);
        Optional<HistoryEvent> first;
        try (Stream<HistoryEvent> history = connection.client().streamHistory(workflowId)) {
            first = history.findFirst();
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            if (e instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            Status status = unreachable(e);
            if (status == null) {
                throw e;
            }
            throw new RetriableQlpException(ErrorCode.ORCHESTRATION_UNAVAILABLE, "Temporal could not be reached to"
                    + " read workflow " + workflowId + " (" + status.getCode() + ")",
                    ErrorContext.empty().withCapsuleId(capsuleId), Map.of("workflowId", workflowId), e);
        }
        if (first.isEmpty() || !first.get().hasWorkflowExecutionStartedEventAttributes()) {
            return Optional.empty();
        }
        Payloads input = first.get().getWorkflowExecutionStartedEventAttributes().getInput();
        CapsuleWorkflowInput started = connection.client().getOptions().getDataConverter()
                .fromPayloads(0, Optional.of(input), CapsuleWorkflowInput.class, CapsuleWorkflowInput.class);
        return Optional.of(started.request());
    }

    /** The gRPC status behind {@code e} when it says the service is down or too slow, else null. */
    private static @Nullable Status unreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException grpc) {
                Status.Code code = grpc.getStatus().getCode();
                return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                        || code == Status.Code.RESOURCE_EXHAUSTED ? grpc.getStatus() : null;
            }
        }
        return null;
    }

    /** Waits for the run's capsule, without asking the workflow where it is on the way. */
    public Capsule await(CapsuleRun run) {
        return await(run, null);
    }

    /**
     * Waits for the run's capsule, telling {@code listener} each new stage the workflow reports. Progress is read
     * with a query every {@link #PROGRESS_POLL}, which a worker must answer; without a running worker, use
     * {@link #await(CapsuleRun)}.
     *
     * @param listener told about progress; null for none
     * @throws QlpException the error that failed the run, as the pipeline raised it
     */
    public Capsule await(CapsuleRun run, @Nullable ProgressListener listener) {
        WorkflowStub stub = connection.client().newUntypedWorkflowStub(run.workflowId());
        CompletableFuture<Capsule> result = stub.getResultAsync(Capsule.class);
        RunProgress last = null;
        while (true) {
            try {
                return listener == null ? result.get() : result.get(PROGRESS_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                if (listener != null) {
                    last = report(stub, last, listener);
                }
            } catch (ExecutionException e) {
                throw translate(e.getCause(), run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NonRetriableQlpException(ErrorCode.INTERNAL, "interrupted while waiting for workflow "
                        + run.workflowId() + "; it keeps running", ErrorContext.empty().withCapsuleId(run.capsuleId()),
                        Map.of("workflowId", run.workflowId()), e);
            }
        }
    }

    /**
     * Where a run is.
     *
     * The progress comes from a query a worker answers, so it is null when no worker answers within
     * {@link #QUERY_TIMEOUT}.
     *
     * @param id a capsule id or a workflow id
     * @throws NonRetriableQlpException with {@link ErrorCode#CAPSULE_NOT_FOUND} when no run has this id
     */
    public RunStatus status(String id) {
        String workflowId = id.startsWith(WORKFLOW_ID_PREFIX) ? id : workflowId(id);
        String capsuleId = workflowId.substring(WORKFLOW_ID_PREFIX.length());
        WorkflowStub stub = connection.client().newUntypedWorkflowStub(workflowId);
        WorkflowExecutionStatus status;
        try {
            status = stub.describe().getStatus();
        } catch (WorkflowNotFoundException e) {
            throw new NonRetriableQlpException(ErrorCode.CAPSULE_NOT_FOUND, "no run of capsule " + capsuleId
                    + " (workflow " + workflowId + ")", ErrorContext.empty().withCapsuleId(capsuleId),
                    Map.of("workflowId", workflowId), e);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new NonRetriableQlpException(ErrorCode.CAPSULE_NOT_FOUND, "no run of capsule " + capsuleId
                        + " (workflow " + workflowId + ")", ErrorContext.empty().withCapsuleId(capsuleId),
                        Map.of("workflowId", workflowId), e);
            }
            throw e;
        }
        String state = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
        RunProgress progress = query(stub);
        String capsuleStatus = null;
        String failure = null;
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            capsuleStatus = stub.getResult(Capsule.class).status().name();
        } else if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
            try {
                stub.getResult(Capsule.class);
            } catch (WorkflowException e) {
                QlpException error = translate(e, new CapsuleRun(capsuleId, workflowId));
                failure = error.errorCode().code() + ": " + error.rawMessage();
            }
        }
        return new RunStatus(workflowId, capsuleId, state.toUpperCase(Locale.ROOT), progress, capsuleStatus, failure);
    }

    private static @Nullable RunProgress report(WorkflowStub stub, @Nullable RunProgress last,
                                                ProgressListener listener) {
        RunProgress now = query(stub);
        if (now != null && !now.equals(last)) {
            try {
                listener.onProgress(now.event());
            } catch (RuntimeException ignored) {
                // A listener's bug must not stop the wait.
            }
            return now;
        }
        return last;
    }

    // A worker must answer; with none running, progress is unknown after QUERY_TIMEOUT instead of a long wait.
    private static @Nullable RunProgress query(WorkflowStub stub) {
        io.grpc.Context.CancellableContext deadline = io.grpc.Context.current()
                .withDeadlineAfter(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, Deadlines.SCHEDULER);
        try {
            return deadline.call(() -> stub.query("progress", RunProgress.class));
        } catch (Exception e) {
            return null;
        } finally {
            deadline.cancel(null);
        }
    }

    /** One daemon thread that fires query deadlines; created on first use. */
    private static final class Deadlines {
        private static final java.util.concurrent.ScheduledExecutorService SCHEDULER =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "qlp-query-deadline");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private static QlpException translate(Throwable error, CapsuleRun run) {
        if (error instanceof QlpException qlp) {
            return qlp;
        }
        if (error instanceof WorkflowFailedException failed && failed.getCause() instanceof ApplicationFailure app) {
            FailureDetails details = Failures.detailsOf(app);
            if (details != null) {
                return Failures.fromDetails(details);
            }
        }
        RuntimeException runtime = error instanceof RuntimeException r ? r : new IllegalStateException(error);
        RuntimeException mapped = Failures.toQlp(runtime, Stage.DONE);
        if (mapped instanceof QlpException qlp) {
            return qlp;
        }
        return new NonRetriableQlpException(ErrorCode.INTERNAL, "workflow " + run.workflowId() + " ended: " + error,
                ErrorContext.empty().withCapsuleId(run.capsuleId()), Map.of("workflowId", run.workflowId()), error);
    }
}
