package io.qlp.server.progress;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.ProgressListener;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.ProgressEvent;
import io.qlp.api.Stage;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.orchestration.CapsuleRun;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts generations in the background and records their progress in the {@link GenerationRegistry}. In process,
 * an exact-cache hit is served and stored on the caller's thread; otherwise the capsule id comes with the first
 * progress event, which the generator sends before any model call, and {@link #start} waits for it so the caller can
 * answer {@code 202} with the capsule's address. With {@code qlp.orchestration:
 * temporal}, {@link #start} starts a capsule workflow, which a worker (another process, {@code SERVICE_NAME=worker})
 * runs; a daemon thread follows the workflow's progress into the run log until it ends, so live events and
 * {@code ?wait=true} work the same way.
 *
 * <p>Example:
 * <pre>{@code
 * GenerationService.Started started = service.start(request, "acme");
 * String id = started.capsuleId();              // known before the model answers
 * Capsule capsule = started.await(Duration.ofMinutes(5));
 * }</pre>
 */
public final class GenerationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationService.class);
    private static final Duration ID_TIMEOUT = Duration.ofSeconds(30);
    /** Most workflows one instance follows at once; more starts answer 503 and start nothing. */
    public static final int MAX_FOLLOWED_RUNS = 512;

    private final @Nullable CapsuleGenerator generator;
    private final @Nullable TemporalCapsuleClient temporal;
    // One waiting thread per followed workflow (at most MAX_FOLLOWED_RUNS, see FollowerSlots); daemons, so a stuck
    // wait never holds the JVM. A cached pool starts no thread until a workflow is followed.
    private final ExecutorService followers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "qlp-workflow-follower");
        thread.setDaemon(true);
        return thread;
    });
    private final GenerationRegistry registry;
    private final FollowerSlots followerSlots = new FollowerSlots(MAX_FOLLOWED_RUNS);

    /** A service generating with {@code generator}, or answering every start with a configuration error if null. */
    public GenerationService(@Nullable CapsuleGenerator generator, GenerationRegistry registry) {
        this(generator, null, registry);
    }

    /**
     * A service that starts Temporal workflows when {@code temporal} is set, and otherwise generates with
     * {@code generator} in this process, or answers every start with a configuration error when both are null.
     */
    public GenerationService(@Nullable CapsuleGenerator generator, @Nullable TemporalCapsuleClient temporal,
                             GenerationRegistry registry) {
        this.generator = generator;
        this.temporal = temporal;
        this.registry = registry;
    }

    /** Whether generate requests can be served: a model in this process, or Temporal workers to hand runs to. */
    public boolean modelConfigured() {
        return generator != null || temporal != null;
    }

    /** Whether runs are Temporal workflows rather than generations in this process. */
    public boolean durable() {
        return temporal != null;
    }

    /**
     * A started generation.
     *
     * @param capsuleId the capsule's id
     * @param log its progress
     * @param result completes with the stored capsule, or with the {@link QlpException}
     */
    public record Started(String capsuleId, RunLog log, CompletableFuture<Capsule> result) {

        /**
         * Waits for the capsule.
         *
         * @throws QlpException as the generator raised it; {@link ErrorCode#MODEL_TIMEOUT} when waiting took longer
         *     than {@code timeout} (the generation goes on)
         */
        public Capsule await(Duration timeout) {
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | CompletionException e) {
                throw asQlp(e.getCause() == null ? e : e.getCause());
            } catch (TimeoutException e) {
                throw new RetriableQlpException(ErrorCode.MODEL_TIMEOUT, "capsule " + capsuleId + " is still being"
                        + " generated after " + timeout, new ErrorContext(null, null, capsuleId), Map.of(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableQlpException(ErrorCode.INTERNAL, "interrupted while waiting",
                        new ErrorContext(null, null, capsuleId), Map.of(), e);
            }
        }
    }

    /**
     * Starts generating {@code request} for {@code tenant}.
     *
     * @throws QlpException with {@link ErrorCode#CONFIGURATION} when no model is configured, or the error that
     *     ended the generation before it had an id
     */
    public Started start(CapsuleRequest request, String tenant) {
        if (temporal != null) {
            return startWorkflow(temporal, request, tenant);
        }
        if (generator == null) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "no model tier is configured", Map.of());
        }
        Optional<Started> cached = fromExactCache(generator, request, tenant);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<RunLog> opened = new CompletableFuture<>();
        AtomicReference<RunLog> current = new AtomicReference<>();
        // Called on the generating thread, one event after another.
        ProgressListener listener = event -> {
            RunLog log = current.get();
            if (log == null) {
                log = registry.open(event.capsuleId(), tenant);
                current.set(log);
                opened.complete(log);
            }
            log.append(event);
        };
        CompletableFuture<Capsule> result = generator.generateAsync(request, listener);
        result.whenComplete((capsule, error) -> {
            RunLog log = current.get();
            if (error != null) {
                QlpException failure = asQlp(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
                if (log != null) {
                    log.fail(failure);
                }
                opened.completeExceptionally(failure);
            } else if (log != null) {
                log.finish(capsule.status());
            }
        });
        RunLog log;
        try {
            log = opened.get(ID_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asQlp(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new RetriableQlpException(ErrorCode.INTERNAL, "the generator did not start within " + ID_TIMEOUT,
                    ErrorContext.empty(), Map.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.INTERNAL, "interrupted while starting", ErrorContext.empty(),
                    Map.of(), e);
        }
        return new Started(log.capsuleId(), log, result);
    }

    /**
     * An exact-cache hit served on this thread: it is stored before this returns, so handing it to the generation
     * executor and waiting for it there would only add two thread switches. Its log is opened once it is stored.
     */
    private Optional<Started> fromExactCache(CapsuleGenerator generator, CapsuleRequest request, String tenant) {
        List<ProgressEvent> events = new ArrayList<>();
        Optional<Capsule> hit = generator.exactCacheHit(request, events::add);
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        Capsule capsule = hit.get();
        RunLog log = registry.open(capsule.id(), tenant);
        events.forEach(log::append);
        log.finish(capsule.status());
        return Optional.of(new Started(capsule.id(), log, CompletableFuture.completedFuture(capsule)));
    }

    private Started startWorkflow(TemporalCapsuleClient client, CapsuleRequest request, String tenant) {
        followerSlots.take();
        CapsuleRun run;
        try {
            run = client.start(request);
        } catch (RuntimeException e) {
            followerSlots.release();
            throw e;
        }
        RunLog log = registry.open(run.capsuleId(), tenant);
        // The workflow reports its first stage only once a worker picked it up; say at once where it went.
        log.append(new ProgressEvent(run.capsuleId(), Stage.ROUTE, null, 0,
                "started workflow " + run.workflowId() + " for a worker", Instant.now()));
        CompletableFuture<Capsule> result = new CompletableFuture<>();
        followInto(client, run, log, result);
        return new Started(run.capsuleId(), log, result);
    }

    /** The log of a run this instance started or follows, if it is {@code tenant}'s and still kept. */
    public Optional<RunLog> known(String capsuleId, String tenant) {
        return registry.find(capsuleId).filter(log -> log.tenant().equals(tenant));
    }

    /**
     * The progress of a capsule's run as {@code tenant} may see it: from this instance's registry when this instance
     * started or already follows the run; otherwise, with Temporal, from the run's workflow, which another instance
     * may have started: when the request it was started with {@code belongsToTenant}, this instance starts
     * following it (the log then begins at the stage the workflow is at, not at its first event). Empty when no
     * run is known here or in Temporal, or the run is another tenant's.
     *
     * <p>Example: {@code service.follow(id, "acme", request -> "acme".equals(request.metadata().get("tenant")))}
     *
     * @throws RetriableQlpException with {@link ErrorCode#ORCHESTRATION_UNAVAILABLE} when Temporal cannot be reached
     *     or this instance already follows {@link #MAX_FOLLOWED_RUNS} runs
     */
    public Optional<RunLog> follow(String capsuleId, String tenant, Predicate<CapsuleRequest> belongsToTenant) {
        Optional<RunLog> known = registry.find(capsuleId);
        if (known.isPresent() || temporal == null) {
            return known.filter(log -> log.tenant().equals(tenant));
        }
        Optional<CapsuleRequest> started = temporal.startedRequest(capsuleId);
        if (started.isEmpty() || !belongsToTenant.test(started.get())) {
            return Optional.empty();
        }
        followerSlots.take();
        GenerationRegistry.Opened opened = registry.openIfAbsent(capsuleId, tenant);
        if (!opened.created()) {
            followerSlots.release();
            return Optional.of(opened.log()).filter(log -> log.tenant().equals(tenant));
        }
        RunLog log = opened.log();
        CapsuleRun run = new CapsuleRun(capsuleId, TemporalCapsuleClient.workflowId(capsuleId));
        log.append(new ProgressEvent(capsuleId, Stage.ROUTE, null, 0, "following workflow " + run.workflowId()
                + ", started by another server instance", Instant.now()));
        followInto(temporal, run, log, new CompletableFuture<>());
        return Optional.of(log);
    }

    /**
     * Follows {@code run} into {@code log} on a follower thread, completing {@code result} when the run ends, and
     * gives back the follower slot the caller took.
     */
    private void followInto(TemporalCapsuleClient client, CapsuleRun run, RunLog log,
                            CompletableFuture<Capsule> result) {
        try {
            followers.execute(() -> {
                try {
                    Capsule capsule = client.await(run, log::append);
                    log.finish(capsule.status());
                    result.complete(capsule);
                } catch (RuntimeException e) {
                    QlpException failure = asQlp(e);
                    log.fail(failure);
                    result.completeExceptionally(failure);
                } finally {
                    followerSlots.release();
                }
            });
        } catch (RuntimeException e) {
            // Shut down: nobody will follow; the log says so instead of staying RUNNING.
            followerSlots.release();
            QlpException failure = asQlp(e);
            log.fail(failure);
            result.completeExceptionally(failure);
        }
    }

    /** Stops following workflows; they go on in Temporal. */
    @Override
    public void close() {
        followers.shutdownNow();
    }

    private static QlpException asQlp(Throwable error) {
        if (error instanceof QlpException qlp) {
            return qlp;
        }
        LOG.error("generation failed with an unexpected error", error);
        return new NonRetriableQlpException(ErrorCode.INTERNAL, "generation failed: " + error.getClass().getName(),
                ErrorContext.empty(), Map.of(), error);
    }
}
