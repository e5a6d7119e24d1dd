package io.qlp.core.resilience.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.core.resilience.CallResilience;
import io.qlp.core.resilience.RetryAfterHttpException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Resilience4j retry and circuit breaker of each tier's endpoint. The breaker sits inside the retry, so every
 * HTTP attempt counts towards it, and an open breaker ends the retries at once. One instance per generator, so
 * breakers remember failures across requests.
 *
 * <p>Example: {@code guards.call(Tier.T0, "openai/gpt-4o-mini", () -> model.chat(messages))}
 */
public final class TierCallGuards {

    private static final Logger LOG = LoggerFactory.getLogger(TierCallGuards.class);

    private final CallResilience settings;
    private final CircuitBreakerRegistry breakers;
    private final Map<Tier, Retry> retries = new ConcurrentHashMap<>();
    private final IntervalFunction backoff;

    /** Guards following {@code settings}. */
    public TierCallGuards(CallResilience settings) {
        this.settings = settings;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
                settings.backoffMultiplier(), settings.jitter(), settings.maxBackoff());
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindow(settings.breakerWindow(), settings.breakerMinimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(TierCallGuards::providerDown)
                .ignoreException(e -> !providerDown(e))
                .build());
    }

    /** The settings these guards follow. */
    public CallResilience settings() {
        return settings;
    }

    /**
     * Runs {@code attempt} under {@code tier}'s retry and the breaker of {@code endpoint}.
     *
     * @throws QlpException what the last attempt threw
     * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException when the breaker is open
     */
    public <T> T call(Tier tier, String endpoint, Supplier<T> attempt) {
        CircuitBreaker breaker = breakers.circuitBreaker(tier.name() + "/" + endpoint);
        Retry retry = retries.computeIfAbsent(tier, this::newRetry);
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt)).get();
    }

    /** The breaker state of {@code tier}'s {@code endpoint}, such as {@code CLOSED} or {@code OPEN}. */
    public CircuitBreaker.State state(Tier tier, String endpoint) {
        return breakers.circuitBreaker(tier.name() + "/" + endpoint).getState();
    }

    private Retry newRetry(Tier tier) {
        Retry retry = Retry.of("qlp-" + tier.name(), RetryConfig.custom()
                .maxAttempts(settings.maxRetries(tier) + 1)
                .retryOnException(this::worthRetrying)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? waitFor(outcome.getLeft(), attempt) : backoff.apply(attempt))
                .build());
        retry.getEventPublisher().onRetry(event -> LOG.info("retrying {} call in {} ms (attempt {}): {}", tier,
                event.getWaitInterval().toMillis(), event.getNumberOfRetryAttempts(),
                event.getLastThrowable() == null ? "" : event.getLastThrowable().getMessage()));
        return retry;
    }

    private long waitFor(Throwable error, int attempt) {
        Optional<Duration> asked = RetryAfterHttpException.find(error).flatMap(RetryAfterHttpException::retryAfter);
        return asked.map(wait -> Math.max(1L, wait.toMillis())).orElseGet(() -> backoff.apply(attempt));
    }

    private boolean worthRetrying(Throwable error) {
        if (!(error instanceof QlpException qlp) || !qlp.isRetriable()) {
            return false;
        }
        Optional<Duration> asked = RetryAfterHttpException.find(error).flatMap(RetryAfterHttpException::retryAfter);
        return asked.isEmpty() || asked.get().compareTo(settings.maxRetryAfter()) <= 0;
    }

    /** Server errors, timeouts and lost connections say the provider is down; a 429 says it is up but busy. */
    private static boolean providerDown(Throwable error) {
        return error instanceof QlpException qlp
                && (qlp.errorCode() == ErrorCode.MODEL_UNAVAILABLE || qlp.errorCode() == ErrorCode.MODEL_TIMEOUT);
    }
}
