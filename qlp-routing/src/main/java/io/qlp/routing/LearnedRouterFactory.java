package io.qlp.routing;

import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.TierRouterFactory;

/**
 * ServiceLoader factory of {@link LearnedRouter}, named {@code learned}. Keys: {@code target-pass-rate},
 * {@code exploration-rate}, {@code neighbours}, {@code history-capacity} (in-process history, default 10000) or
 * {@code memory-store} (the name of a {@link MemoryStoreFactory} whose store keeps the history instead).
 *
 * <p>Example: {@code new LearnedRouterFactory().create(ProviderConfig.of(Map.of("target-pass-rate", "0.9")))}
 */
public final class LearnedRouterFactory implements TierRouterFactory {

    @Override
    public String name() {
        return "learned";
    }

    @Override
    public TierRouter create(ProviderConfig config) {
        LearnedRouter.Builder builder = LearnedRouter.builder();
        if (config.get("target-pass-rate").isPresent()) {
            builder.targetPassRate(config.decimal("target-pass-rate", LearnedRouter.DEFAULT_TARGET_PASS_RATE));
        }
        if (config.get("exploration-rate").isPresent()) {
            builder.explorationRate(config.decimal("exploration-rate", LearnedRouter.DEFAULT_EXPLORATION_RATE));
        }
        if (config.get("neighbours").isPresent()) {
            builder.neighbours(config.integer("neighbours", LearnedRouter.DEFAULT_NEIGHBOURS));
        }
        if (config.get("memory-store").isPresent()) {
            String storeName = config.get("memory-store").orElseThrow();
            builder.history(MemoryOutcomeHistory.of(
                    ServiceProviders.load(MemoryStoreFactory.class, storeName).create(ProviderConfig.empty()),
                    HashingTextEmbedder.create()));
        } else {
            builder.history(OutcomeHistory.recent(config.integer("history-capacity", 10_000)));
        }
        return builder.build();
    }
}
