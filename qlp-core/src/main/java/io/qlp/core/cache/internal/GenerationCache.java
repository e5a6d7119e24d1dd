package io.qlp.core.cache.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ProgressEvent;
import io.qlp.api.ProgressListener;
import io.qlp.api.Stage;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.core.cache.CacheKey;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.SemanticCache;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caches of one generator: looks a request up before any model call and offers every validated capsule after.
 * A served capsule gets the new capsule id and request, no usage, and is saved to the capsule store like a generated
 * one. Semantic candidates are validated again and served only when they pass. Lookups are counted in the meter
 * {@value #METER} with tags {@code cache} ({@code exact}, {@code semantic}) and {@code outcome} ({@code hit},
 * {@code miss}, {@code rejected}).
 *
 * <p>Example: {@code Optional<Capsule> served = cache.lookup(request, capsuleId, listener);}
 */
public final class GenerationCache {

    /** Name of the lookup counter. */
    public static final String METER = "qlp.cache.lookups";

    private static final Logger LOG = LoggerFactory.getLogger(GenerationCache.class);

    private final @Nullable ExactCache exact;
    private final @Nullable SemanticCache semantic;
    private final Validator validator;
    private final CapsuleStore store;
    private final List<String> modelIds;
    private final String promptVersion;
    private final String generatorVersion;
    private final Clock clock;
    private final Counter exactHits;
    private final Counter exactMisses;
    private final Counter semanticHits;
    private final Counter semanticMisses;
    private final Counter semanticRejected;

    /** Caches of a generator whose tiers use {@code modelIds}; either cache may be absent. */
    public GenerationCache(@Nullable ExactCache exact, @Nullable SemanticCache semantic, Validator validator,
                           CapsuleStore store, List<String> modelIds, String promptVersion, String generatorVersion,
                           MeterRegistry meters, Clock clock) {
        this.exact = exact;
        this.semantic = semantic;
        this.validator = validator;
        this.store = store;
        this.modelIds = List.copyOf(modelIds);
        this.promptVersion = promptVersion;
        this.generatorVersion = generatorVersion;
        this.clock = clock;
        this.exactHits = counter(meters, "exact", "hit");
        this.exactMisses = counter(meters, "exact", "miss");
        this.semanticHits = counter(meters, "semantic", "hit");
        this.semanticMisses = counter(meters, "semantic", "miss");
        this.semanticRejected = counter(meters, "semantic", "rejected");
    }

    private static Counter counter(MeterRegistry meters, String cache, String outcome) {
        return Counter.builder(METER).tag("cache", cache).tag("outcome", outcome)
                .description("capsule cache lookups").register(meters);
    }

    /** Whether any cache is configured. */
    public boolean enabled() {
        return exact != null || semantic != null;
    }

    /** The exact key of a request under this generator's models and prompt version. */
    public String key(CapsuleRequest request) {
        return CacheKey.of(request, modelIds, promptVersion, generatorVersion);
    }

    // Everything but the description must match exactly for a semantic hit.
    private String scope(CapsuleRequest request) {
        return key(request.toBuilder().description("-").build());
    }

    /** A capsule served from a cache for this request, saved under {@code capsuleId}, or empty on a miss. */
    public Optional<Capsule> lookup(CapsuleRequest request, String capsuleId, ProgressListener listener) {
        if (!enabled()) {
            return Optional.empty();
        }
        if (exact != null) {
            Optional<Capsule> served = exactHit(request, capsuleId, listener);
            if (served.isPresent()) {
                return served;
            }
            exactMisses.increment();
        }
        if (semantic != null) {
            Optional<SemanticCache.Match> match = semantic.lookup(request, scope(request));
            if (match.isEmpty()) {
                semanticMisses.increment();
                return Optional.empty();
            }
            Capsule candidate = match.get().capsule();
            ValidationReport report;
            try {
                report = validator.validate(new ValidationTarget(candidate.files(), request.language()));
            } catch (RuntimeException e) {
                LOG.warn("could not validate semantic cache candidate again, treating it as a miss: {}", e.toString());
                semanticRejected.increment();
                return Optional.empty();
            }
            if (!report.passed()) {
                LOG.info("semantic cache candidate for '{}' failed validation again; generating instead",
                        match.get().matchedDescription());
                semanticRejected.increment();
                return Optional.empty();
            }
            Optional<Capsule> served = serve(candidate, report, request, capsuleId, listener, String.format(
                    "semantic cache hit at similarity %.3f, validated again", match.get().similarity()));
            (served.isPresent() ? semanticHits : semanticRejected).increment();
            return served;
        }
        return Optional.empty();
    }

    /**
     * The exact cache's answer for this request, served and saved under {@code capsuleId}, or empty (also when it
     * could not be saved). A miss is not counted here: the generation that follows looks the request up again with
     * {@link #lookup}, which counts it.
     */
    public Optional<Capsule> exactHit(CapsuleRequest request, String capsuleId, ProgressListener listener) {
        if (!enabled() || exact == null) {
            return Optional.empty();
        }
        Optional<Capsule> hit = safely(() -> exact.get(key(request)));
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        Optional<Capsule> served = serve(hit.get(), hit.get().validation(), request, capsuleId, listener,
                "exact cache hit (" + exact.name() + ")");
        served.ifPresent(capsule -> exactHits.increment());
        return served;
    }

    private Optional<Capsule> serve(Capsule cached, ValidationReport report, CapsuleRequest request,
                                    String capsuleId, ProgressListener listener, String how) {
        Capsule served = cached.toBuilder().id(capsuleId).request(request).validation(report).usage(Usage.none())
                .build();
        emit(listener, capsuleId, Stage.ROUTE, "cache lookup");
        try {
            store.save(served);
        } catch (RuntimeException e) {
            LOG.warn("could not store cached capsule {}, generating instead: {}", capsuleId, e.toString());
            return Optional.empty();
        }
        emit(listener, capsuleId, Stage.DONE, served.status().name() + ": " + how);
        return Optional.of(served);
    }

    /** Remembers a validated capsule in every cache; other outcomes are never cached. */
    public void offer(CapsuleRequest request, Capsule capsule) {
        if (capsule.status() != CapsuleStatus.VALIDATED) {
            return;
        }
        if (exact != null) {
            safely(() -> {
                exact.put(key(request), capsule);
                return Optional.empty();
            });
        }
        if (semantic != null) {
            semantic.put(request, scope(request), capsule);
        }
    }

    // A cache never fails a request; ExactCache implementations already promise this, but a custom one may not keep it.
    private static Optional<Capsule> safely(java.util.function.Supplier<Optional<Capsule>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            LOG.warn("exact cache failed, treating it as a miss: {}", e.toString());
            return Optional.empty();
        }
    }

    private void emit(ProgressListener listener, String capsuleId, Stage stage, String message) {
        try {
            listener.onProgress(new ProgressEvent(capsuleId, stage, null, 0, message, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on {}: {}", stage, e.toString());
        }
    }
}
