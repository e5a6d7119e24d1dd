/**
 * The relational capsule store: {@link io.qlp.core.store.jdbc.JdbcCapsuleStore} on PostgreSQL or on an embedded H2
 * file, with versions, content-addressed files, usage and an audit log; registered as the {@code jdbc} and
 * {@code embedded} {@link io.qlp.api.spi.CapsuleStoreFactory}. The schema is described in {@code docs/storage.md}.
 *
 * <p>Example:
 * <pre>{@code
 * try (JdbcCapsuleStore store = JdbcCapsuleStore.embedded(Path.of(".qlp"))) {
 *     store.save(capsule);
 * }
 * }</pre>
 */
@NullMarked
package io.qlp.core.store.jdbc;

import org.jspecify.annotations.NullMarked;
