package io.qlp.core.orchestration;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.config.TemporalSettings;
import io.qlp.core.orchestration.internal.Payloads;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Temporal client set up for capsule workflows: the service, the namespace, QLP's data converter, the task queue
 * and the activity policy. Close it to close the connection it opened.
 *
 * <p>Example:
 * <pre>{@code
 * try (TemporalConnection temporal = TemporalConnection.open(settings.temporal())) {
 *     RunStatus status = TemporalCapsuleClient.of(temporal).status(capsuleId);
 * }
 * }</pre>
 */
public final class TemporalConnection implements AutoCloseable {

    /** How long {@link #open(TemporalSettings)} waits for the service to answer. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final @Nullable WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final String taskQueue;
    private final ActivityPolicy policy;

    private TemporalConnection(@Nullable WorkflowServiceStubs service, WorkflowClient client, String taskQueue,
                               ActivityPolicy policy) {
        this.service = service;
        this.client = client;
        this.taskQueue = taskQueue;
        this.policy = policy;
    }

    /**
     * Connects to the service {@code settings} name, waiting up to {@link #CONNECT_TIMEOUT} for it to answer.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming {@code qlp.temporal.target} when
     *     the service does not answer, or naming the key of a bad value
     */
    public static TemporalConnection open(TemporalSettings settings) {
        ActivityPolicy policy = settings.policy();
        String target = settings.resolvedTarget();
        WorkflowServiceStubs service;
        try {
            service = WorkflowServiceStubs.newConnectedServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(target).build(), CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "cannot reach Temporal at " + target
                    + " (qlp.temporal.target) within " + CONNECT_TIMEOUT.toSeconds() + " s: " + e.getMessage(),
                    io.qlp.api.ErrorContext.empty(), Map.of("key", "qlp.temporal.target", "target", target), e);
        }
        WorkflowClient client = WorkflowClient.newInstance(service, clientOptions(settings.resolvedNamespace()));
        return new TemporalConnection(service, client, settings.resolvedTaskQueue(), policy);
    }

    /**
     * Uses a client made elsewhere, such as a {@code TestWorkflowEnvironment}'s; it must use
     * {@link #clientOptions(String)}' data converter. Closing this connection leaves the client open.
     */
    public static TemporalConnection using(WorkflowClient client, String taskQueue, ActivityPolicy policy) {
        if (Objects.requireNonNull(taskQueue, "taskQueue").isBlank()) {
            throw new IllegalArgumentException("taskQueue must not be blank");
        }
        return new TemporalConnection(null, Objects.requireNonNull(client, "client"), taskQueue,
                Objects.requireNonNull(policy, "policy"));
    }

    /** Client options with QLP's data converter, which client and worker must share. */
    public static WorkflowClientOptions clientOptions(String namespace) {
        return WorkflowClientOptions.newBuilder().setNamespace(namespace).setDataConverter(Payloads.converter())
                .build();
    }

    /** The client. */
    public WorkflowClient client() {
        return client;
    }

    /** The task queue of capsule workflows. */
    public String taskQueue() {
        return taskQueue;
    }

    /** The activity policy new runs start with. */
    public ActivityPolicy policy() {
        return policy;
    }

    /** Closes the connection, when this object opened it. */
    @Override
    public void close() {
        if (service != null) {
            service.shutdown();
            service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
