/**
 * Service provider interfaces: {@link io.qlp.api.spi.TierRouter}, {@link io.qlp.api.spi.Validator},
 * {@link io.qlp.api.spi.Sandbox}, {@link io.qlp.api.spi.MemoryStore}, {@link io.qlp.api.spi.CapsuleStore} and
 * {@link io.qlp.api.spi.CapsuleExporter}. Each has a {@code …Factory} found through {@link java.util.ServiceLoader}
 * by {@link io.qlp.api.spi.ServiceProviders}.
 *
 * <p>Example, registering a router in {@code META-INF/services/io.qlp.api.spi.TierRouterFactory}:
 * <pre>{@code
 * public final class AlwaysT1RouterFactory implements TierRouterFactory {
 *     public String name() { return "always-t1"; }
 *     public TierRouter create(ProviderConfig config) { return (request, tiers) -> new RoutingDecision(Tier.T1, "fixed"); }
 * }
 * }</pre>
 */
@NullMarked
package io.qlp.api.spi;

import org.jspecify.annotations.NullMarked;
