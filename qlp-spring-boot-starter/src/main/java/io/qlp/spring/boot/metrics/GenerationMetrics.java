package io.qlp.spring.boot.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qlp.api.Capsule;
import io.qlp.api.ProgressEvent;
import io.qlp.api.Stage;
import io.qlp.api.StageResult;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.ValidationReport;
import io.qlp.core.CapsuleGenerator;
import io.qlp.spring.boot.CapsuleGeneratorCustomizer;
import io.qlp.spring.boot.internal.GenerationObserver;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * Records what the auto-configured generator does as Micrometer meters:
 * <ul>
 *   <li>{@value #GENERATION}: timer of each generation from its first progress event to its last, with percentiles
 *       p50, p95 and p99; tags {@code tier} (the last tier used, {@code none} for a cache hit), {@code status}
 *       ({@code validated}, {@code failed_validation}, {@code no_progress} or {@code error}) and {@code language}
 *       ({@code unknown} when the generation failed before storing);</li>
 *   <li>{@value #ERRORS}: generations that ended with an error, tag {@code code} (the error code);</li>
 *   <li>{@value #TOKENS}: tokens of stored generations, tags {@code tier}, {@code model} and {@code type}
 *       ({@code input} or {@code output});</li>
 *   <li>{@value #COST}: cost in US dollars, tags {@code tier} and {@code model};</li>
 *   <li>{@value #VALIDATION_FAILURES}: failed validation stages of every attempt, tag {@code stage}
 *       ({@code syntax}, {@code compile}, {@code test} …);</li>
 *   <li>{@value #REPAIRS}: repair attempts, tag {@code tier} (the tier asked to repair).</li>
 * </ul>
 * As a customizer it also hands the registry to the generator, which counts {@code qlp.cache.lookups} on it (tags
 * {@code cache}: exact or semantic, {@code outcome}: hit, miss or rejected). It runs first among customizers.
 *
 * <p>Example: {@code registry.get(GenerationMetrics.GENERATION).tag("status", "validated").timer().count()}
 */
public final class GenerationMetrics implements GenerationObserver, CapsuleGeneratorCustomizer, Ordered {

    /** Timer of generations. */
    public static final String GENERATION = "qlp.generation";
    /** Counter of generations that ended with an error. */
    public static final String ERRORS = "qlp.generation.errors";
    /** Counter of tokens. */
    public static final String TOKENS = "qlp.tokens";
    /** Counter of cost in US dollars. */
    public static final String COST = "qlp.cost";
    /** Counter of failed validation stages. */
    public static final String VALIDATION_FAILURES = "qlp.validation.failures";
    /** Counter of repair attempts. */
    public static final String REPAIRS = "qlp.repairs";

    /** A generation that never reports its end (a bug elsewhere) is forgotten after this long. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final MeterRegistry registry;
    private final Function<Tier, String> modelOf;
    private final Cache<String, Run> running = Caffeine.newBuilder()
            .expireAfterAccess(FORGET_AFTER).maximumSize(100_000).build();

    /**
     * Records into {@code registry}.
     *
     * @param modelOf the model name of a tier, for the {@code model} tag
     */
    public GenerationMetrics(MeterRegistry registry, Function<Tier, String> modelOf) {
        this.registry = registry;
        this.modelOf = modelOf;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void customize(CapsuleGenerator.Builder builder) {
        builder.meterRegistry(registry);
    }

    @Override
    public void onProgress(ProgressEvent event) {
        Run run = running.get(event.capsuleId(), id -> new Run(registry.config().clock().monotonicTime()));
        if (event.tier() != null) {
            run.tier = event.tier();
        }
        if (event.stage() == Stage.REPAIR) {
            Counter.builder(REPAIRS).description("Repair attempts, by the tier asked to repair")
                    .tag("tier", tierTag(event.tier())).register(registry).increment();
        }
        if (event.stage() == Stage.DONE) {
            running.invalidate(event.capsuleId());
            finish(run, event.message());
        }
    }

    @Override
    public void onValidated(ValidationReport report) {
        for (StageResult stage : report.stages()) {
            if (!stage.passed()) {
                Counter.builder(VALIDATION_FAILURES).description("Failed validation stages of every attempt")
                        .tag("stage", stage.name()).register(registry).increment();
            }
        }
    }

    @Override
    public void onStored(Capsule capsule) {
        Run run = running.getIfPresent(capsule.id());
        if (run == null) {
            return;
        }
        run.capsule = capsule;
        for (TierUsage usage : capsule.usage().perTier()) {
            String tier = tierTag(usage.tier());
            String model = model(usage.tier());
            tokens(tier, model, "input").increment(usage.inputTokens());
            tokens(tier, model, "output").increment(usage.outputTokens());
            Counter.builder(COST).description("Cost of model calls").baseUnit("usd")
                    .tag("tier", tier).tag("model", model).register(registry)
                    .increment(usage.costUsd().doubleValue());
        }
    }

    private void finish(Run run, String doneMessage) {
        Capsule capsule = run.capsule;
        String status;
        if (capsule != null) {
            status = capsule.status().name().toLowerCase(Locale.ROOT);
        } else if (doneMessage.startsWith("failed")) {
            status = "error";
            String code = doneMessage.substring(doneMessage.indexOf(':') + 1).trim();
            Counter.builder(ERRORS).description("Generations that ended with an error")
                    .tag("code", code.isEmpty() ? "unknown" : code).register(registry).increment();
        } else {
            status = doneMessage.split(":", 2)[0].trim().toLowerCase(Locale.ROOT);
        }
        String language = capsule != null ? capsule.request().language().id() : "unknown";
        Timer.builder(GENERATION).description("Generations, from the first progress event to the last")
                .publishPercentiles(0.5, 0.95, 0.99)
                .tag("tier", tierTag(run.tier)).tag("status", status).tag("language", language)
                .register(registry)
                .record(registry.config().clock().monotonicTime() - run.startNanos, TimeUnit.NANOSECONDS);
    }

    private Counter tokens(String tier, String model, String type) {
        return Counter.builder(TOKENS).description("Tokens of model calls").baseUnit("tokens")
                .tag("tier", tier).tag("model", model).tag("type", type).register(registry);
    }

    private String model(Tier tier) {
        try {
            String model = modelOf.apply(tier);
            return model == null ? "unknown" : model;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String tierTag(@Nullable Tier tier) {
        return tier == null ? "none" : tier.name().toLowerCase(Locale.ROOT);
    }

    /** One generation in flight; touched only by the thread that runs it. */
    private static final class Run {
        final long startNanos;
        volatile @Nullable Tier tier;
        volatile @Nullable Capsule capsule;

        Run(long startNanos) {
            this.startNanos = startNanos;
        }
    }
}
