/**
 * Caches that spare model calls: an {@link io.qlp.core.cache.ExactCache} keyed by a {@link io.qlp.core.cache.CacheKey}
 * (local Caffeine or shared Redis), and a {@link io.qlp.core.cache.SemanticCache} that serves a capsule made for a
 * request with the same meaning only after it passes validation again. Only validated capsules are cached.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleGenerator generator = CapsuleGenerator.builder()
 *     .tier(Tier.T0, chatModel)
 *     .exactCache(ExactCache.local(Duration.ofHours(24), 10_000))
 *     .semanticCache(SemanticCache.builder().store(memoryStore).embeddingModel(embeddings).build())
 *     .build();
 * }</pre>
 */
@NullMarked
package io.qlp.core.cache;

import org.jspecify.annotations.NullMarked;
