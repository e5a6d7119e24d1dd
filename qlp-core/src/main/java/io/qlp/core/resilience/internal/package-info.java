/**
 * Implementation of resilient calls: the Resilience4j retry and circuit breaker per tier, and the JDK HTTP client
 * that keeps {@code Retry-After}. Not API.
 *
 * <p>Example: none; use {@link io.qlp.core.resilience.CallResilience}.
 */
@NullMarked
package io.qlp.core.resilience.internal;

import org.jspecify.annotations.NullMarked;
