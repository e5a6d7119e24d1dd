package io.qlp.core.orchestration;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.orchestration.internal.CapsuleActivitiesImpl;
import io.qlp.core.orchestration.internal.CapsuleWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs capsule workflows and their activities on a task queue, with the pieces of a {@link CapsuleGenerator}: its
 * tiers' chat models, router, validators, store and memory. Build the generator from the same settings as the
 * clients (see {@link #fromSettings}).
 *
 * <p>Example:
 * <pre>{@code
 * try (TemporalCapsuleWorker worker = TemporalCapsuleWorker.fromSettings(settings, System::getenv)) {
 *     worker.start();
 *     Thread.currentThread().join();   // until interrupted
 * }
 * }</pre>
 */
public final class TemporalCapsuleWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TemporalCapsuleWorker.class);

    /** Default most activities one worker runs at once. */
    public static final int DEFAULT_MAX_CONCURRENT_ACTIVITIES = 8;

    private final TemporalConnection connection;
    private final WorkerFactory factory;
    private final CapsuleActivitiesImpl activities;
    private final List<AutoCloseable> owned;
    private boolean started;
    private boolean closed;

    private final boolean stickyExecution;

    private TemporalCapsuleWorker(Builder builder) {
        this.stickyExecution = builder.stickyExecution;
        this.connection = Objects.requireNonNull(builder.connection);
        this.factory = WorkerFactory.newInstance(connection.client());
        WorkerOptions.Builder options = WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(builder.maxConcurrentActivities);
        if (!builder.stickyExecution) {
            // A zero timeout makes the SDK send no sticky attributes: every workflow task goes to the shared queue.
            options.setStickyQueueScheduleToStartTimeout(java.time.Duration.ZERO);
        }
        Worker worker = factory.newWorker(connection.taskQueue(), options.build());
        this.activities = register(worker, Objects.requireNonNull(builder.generator));
        this.owned = List.copyOf(builder.owned);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers the capsule workflow and activities on a worker made elsewhere, such as a
     * {@code TestWorkflowEnvironment}'s. Close the returned activities after the worker stops.
     */
    public static CapsuleActivitiesImpl register(Worker worker, CapsuleGenerator generator) {
        worker.registerWorkflowImplementationTypes(CapsuleWorkflowImpl.class);
        CapsuleActivitiesImpl activities = new CapsuleActivitiesImpl(generator.pipeline());
        worker.registerActivitiesImplementations(activities);
        return activities;
    }

    /**
     * A worker built the way {@code qlp worker} builds it: the Temporal connection of {@code qlp.temporal}, and a
     * generator from the same settings as {@code qlp generate} (tiers, routing, decomposition, the configured store,
     * memory and caches). Closing the worker closes all of them.
     *
     * @param environment looks up API keys and {@code QLP_DATA_DIR}
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when no tier is configured, a value is
     *     invalid, or Temporal cannot be reached
     */
    public static TemporalCapsuleWorker fromSettings(QlpSettings settings, Function<String, String> environment) {
        if (settings.tiers().isEmpty()) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "no model tier is configured; a worker"
                    + " needs the same qlp.tiers as the clients", Map.of("key", "qlp.tiers"));
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            CapsuleGenerator.Builder generator = GeneratorFactory.builderFrom(settings, environment);
            CapsuleStore store = GeneratorFactory.openStore(settings, environment);
            opened.add(store);
            generator.store(store);
            opened.add(GeneratorFactory.addMemoryAndCaches(generator, settings, environment));
            TemporalConnection connection = TemporalConnection.open(settings.temporal());
            opened.add(connection);
            Builder builder = builder().connection(connection).generator(generator.build())
                    .stickyExecution(settings.temporal().stickyExecutionEnabled());
            // Closed in reverse: the connection first, then memory and caches, then the store.
            for (int i = opened.size() - 1; i >= 0; i--) {
                builder.owned.add(opened.get(i));
            }
            return builder.build();
        } catch (RuntimeException e) {
            java.util.Collections.reverse(opened);
            closeAll(opened, e);
            throw e;
        }
    }

    /** The task queue this worker polls. */
    public String taskQueue() {
        return connection.taskQueue();
    }

    /**
     * Starts polling; returns at once.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized TemporalCapsuleWorker start() {
        if (started || closed) {
            throw new IllegalStateException("worker on " + taskQueue() + " was already " + (closed ? "closed" : "started"));
        }
        factory.start();
        started = true;
        LOG.info("capsule worker polling task queue {}", taskQueue());
        return this;
    }

    /** Stops polling, lets running tasks end for up to 10 s, then closes what this worker owns. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        factory.shutdownNow();
        activities.close();
        closeAll(owned, null);
    }

    private static void closeAll(List<AutoCloseable> resources, @Nullable RuntimeException failure) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    LOG.warn("closing {} failed: {}", resource, e.toString());
                }
            }
        }
    }

    /** Whether this worker keeps its runs' workflow tasks (Temporal's sticky execution). */
    public boolean stickyExecution() {
        return stickyExecution;
    }

    /** Builds {@link TemporalCapsuleWorker}s; connection and generator are required. */
    public static final class Builder {
        private @Nullable TemporalConnection connection;
        private @Nullable CapsuleGenerator generator;
        private int maxConcurrentActivities = DEFAULT_MAX_CONCURRENT_ACTIVITIES;
        private boolean maxConcurrentActivitiesSet;
        private boolean stickyExecution = true;
        private boolean stickyExecutionSet;
        private final List<AutoCloseable> owned = new ArrayList<>();

        private Builder() {
        }

        /** The Temporal connection: client, task queue, policy. */
        public Builder connection(TemporalConnection connection) {
            if (this.connection != null) {
                throw new IllegalStateException("connection was already set");
            }
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** The generator whose pieces the activities use. */
        public Builder generator(CapsuleGenerator generator) {
            if (this.generator != null) {
                throw new IllegalStateException("generator was already set");
            }
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /**
         * Most activities at once, 1 to 200; default {@value #DEFAULT_MAX_CONCURRENT_ACTIVITIES}.
         *
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder maxConcurrentActivities(int max) {
            if (maxConcurrentActivitiesSet) {
                throw new IllegalStateException("maxConcurrentActivities was already set to "
                        + maxConcurrentActivities);
            }
            if (max < 1 || max > 200) {
                throw new IllegalArgumentException("maxConcurrentActivities must be between 1 and 200: " + max);
            }
            this.maxConcurrentActivities = max;
            this.maxConcurrentActivitiesSet = true;
            return this;
        }

        /**
         * Whether workflow tasks of a run prefer the worker that ran the previous one (Temporal's sticky execution,
         * the default). Turn it off for servers that cannot time out a sticky task of a dead worker, such as
         * Temporal's test server; the real server falls back to the shared queue after a few seconds.
         */
        public Builder stickyExecution(boolean enabled) {
            if (stickyExecutionSet) {
                throw new IllegalStateException("stickyExecution was already set to " + stickyExecution);
            }
            this.stickyExecution = enabled;
            this.stickyExecutionSet = true;
            return this;
        }

        /**
         * Builds the worker; call {@link TemporalCapsuleWorker#start()} to poll.
         *
         * @throws IllegalStateException when the connection or the generator is missing
         */
        public TemporalCapsuleWorker build() {
            if (connection == null || generator == null) {
                throw new IllegalStateException("connection and generator must be set; missing: "
                        + (connection == null ? "connection " : "") + (generator == null ? "generator" : ""));
            }
            return new TemporalCapsuleWorker(this);
        }
    }
}
