/**
 * Implementation details of the in-memory store: one collection of vectors with its fixed dimension, and cosine
 * similarity. Not a public API; use {@link io.qlp.memory.InMemoryMemoryStore}.
 *
 * <p>Example: {@code Cosine.similarity(a, Cosine.norm(a), b, Cosine.norm(b))}
 */
@NullMarked
package io.qlp.memory.internal;

import org.jspecify.annotations.NullMarked;
