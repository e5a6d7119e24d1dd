/**
 * Implementation of the starter: conditions, the hooks that metrics use to see generations, and decorators. Nothing
 * here is API.
 *
 * <p>Example: {@code GenerationObserver} beans see each progress event, each validation report and each stored
 * capsule of the auto-configured generator.
 */
@NullMarked
package io.qlp.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
