package io.qlp.core.config;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the generate-validate-repair loop, under {@code qlp.generation}.
 *
 * <p>Example (YAML): {@code generation: {max-attempts: 3}}
 *
 * @param maxAttempts most generate-validate rounds per request; default 3
 */
public record GenerationSettings(@Nullable Integer maxAttempts) {
}
