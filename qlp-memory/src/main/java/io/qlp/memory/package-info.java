/**
 * Memory stores: vector stores for code patterns, requirements and errors QLP remembers.
 * {@link io.qlp.memory.InMemoryMemoryStore} is the exact, in-process default.
 *
 * <p>Example:
 * <pre>{@code
 * MemoryStore store = InMemoryMemoryStore.create();
 * store.upsert(List.of(new MemoryRecord("p-1", "code_patterns", code, vector, Map.of("language", "java"))));
 * List<MemoryHit> hits = store.search(new MemoryQuery("code_patterns", queryVector, 3, Map.of(), 0.5));
 * }</pre>
 */
@NullMarked
package io.qlp.memory;

import org.jspecify.annotations.NullMarked;
