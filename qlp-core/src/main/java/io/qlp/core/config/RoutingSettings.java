package io.qlp.core.config;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How requests are routed between tiers and how model calls survive failures, under {@code qlp.routing}.
 *
 * <p>Example (YAML):
 * <pre>{@code
 * routing:
 *   router: cascade                     # complexity (default) | learned | cascade
 *   cascade: {ladder: "T0,T1,T3", failures-before-escalation: 1}
 *   complexity: {thresholds: {t1: 0.2, t2: 0.45, t3: 0.7}, escalate-after-failures: 2}
 *   learned: {target-pass-rate: 0.9, exploration-rate: 0.05}
 *   strategy: ensemble                  # single (default) | ensemble: T3 = T1 drafts, T2 refines
 *   fallback-to-next-tier: true
 *   retry: {initial-backoff: PT0.5S, max-backoff: PT30S, multiplier: 2, jitter: 0.5, max-retry-after: PT60S}
 *   circuit-breaker: {window: 10, minimum-calls: 5, failure-rate: 50, open-state-wait: PT30S}
 * }</pre>
 *
 * @param router name of the {@code TierRouterFactory}: {@code complexity}, {@code learned} or {@code cascade}
 * @param complexity properties of the complexity router (nested keys are joined with dots)
 * @param learned properties of the learned router
 * @param cascade properties of the cascade router
 * @param strategy {@code single} or {@code ensemble}
 * @param fallbackToNextTier whether a call moves to the next tier up when its provider is down; default true
 * @param retry backoff between retries; the number of retries is per tier ({@code qlp.tiers.tN.max-retries})
 * @param circuitBreaker when a tier's breaker opens
 */
public record RoutingSettings(@Nullable String router, @Nullable Map<String, Object> complexity,
                              @Nullable Map<String, Object> learned, @Nullable Map<String, Object> cascade,
                              @Nullable String strategy, @Nullable Boolean fallbackToNextTier,
                              @Nullable Retry retry, @Nullable CircuitBreaker circuitBreaker) {

    /** Default router name. */
    public static final String DEFAULT_ROUTER = "complexity";

    /** Nothing set: the complexity router, one model per attempt, default resilience. */
    public static RoutingSettings defaults() {
        return new RoutingSettings(null, null, null, null, null, null, null, null);
    }

    /** The router name, or {@value #DEFAULT_ROUTER}. */
    public String routerName() {
        return router == null || router.isBlank() ? DEFAULT_ROUTER : router.trim();
    }

    /** The properties configured for router {@code name}, or none. */
    public @Nullable Map<String, Object> propertiesOf(String name) {
        return switch (name) {
            case "complexity" -> complexity;
            case "learned" -> learned;
            case "cascade" -> cascade;
            default -> null;
        };
    }

    /**
     * Backoff of retries, under {@code qlp.routing.retry}.
     *
     * @param initialBackoff wait before the first retry; default 500 ms
     * @param maxBackoff longest wait; default 30 s
     * @param multiplier growth of each wait; default 2
     * @param jitter randomisation factor in [0, 1); default 0.5
     * @param maxRetryAfter longest {@code Retry-After} honoured; default 60 s
     */
    public record Retry(@Nullable Duration initialBackoff, @Nullable Duration maxBackoff, @Nullable Double multiplier,
                        @Nullable Double jitter, @Nullable Duration maxRetryAfter) {
    }

    /**
     * The circuit breaker of each tier, under {@code qlp.routing.circuit-breaker}.
     *
     * @param window calls looked at; default 10
     * @param minimumCalls calls seen before it may open; default 5
     * @param failureRate percent of failed calls that opens it; default 50
     * @param openStateWait how long it stays open; default 30 s
     */
    public record CircuitBreaker(@Nullable Integer window, @Nullable Integer minimumCalls, @Nullable Float failureRate,
                                 @Nullable Duration openStateWait) {
    }
}
