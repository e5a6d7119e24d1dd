/**
 * Micrometer metrics of the auto-configured generator: the {@code qlp.generation} timer, tokens and cost per tier
 * and model, validation failures per stage and repair attempts. Cache lookups ({@code qlp.cache.lookups}) are
 * counted by the generator itself on the application's registry.
 *
 * <p>Example: {@code registry.get("qlp.generation").tag("status", "validated").timer().count()}
 */
@NullMarked
package io.qlp.spring.boot.metrics;

import org.jspecify.annotations.NullMarked;
