/**
 * Calls that survive real provider failures: retries of 429, 5xx and timeouts with exponential backoff and jitter
 * that honour {@code Retry-After}, a circuit breaker per tier and provider, and fallback to the next tier up. Built on
 * Resilience4j; {@link io.qlp.core.resilience.CallResilience} holds the settings.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleGenerator generator = CapsuleGenerator.builder()
 *     .tier(Tier.T0, small).tier(Tier.T1, medium)
 *     .resilience(CallResilience.builder().maxRetries(3).initialBackoff(Duration.ofMillis(200)).build())
 *     .build();
 * }</pre>
 */
@NullMarked
package io.qlp.core.resilience;

import org.jspecify.annotations.NullMarked;
