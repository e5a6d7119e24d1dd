/**
 * Capsule stores shipped with the core: {@link io.qlp.core.store.InMemoryCapsuleStore}, registered as the
 * {@code in-memory} {@link io.qlp.api.spi.CapsuleStoreFactory}.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleStore store = ServiceProviders.load(CapsuleStoreFactory.class, "in-memory").create(ProviderConfig.empty());
 * store.save(capsule);
 * }</pre>
 */
@NullMarked
package io.qlp.core.store;

import org.jspecify.annotations.NullMarked;
