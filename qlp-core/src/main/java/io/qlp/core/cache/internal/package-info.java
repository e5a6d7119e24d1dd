/**
 * Implementation of the caches: the Caffeine-backed exact cache, the request-scope fingerprint and the metrics.
 * Not a public API; use {@link io.qlp.core.cache}.
 *
 * <p>Example: {@code new LocalExactCache(Duration.ofHours(1), 1000).put(key, capsule)}
 */
@NullMarked
package io.qlp.core.cache.internal;

import org.jspecify.annotations.NullMarked;
