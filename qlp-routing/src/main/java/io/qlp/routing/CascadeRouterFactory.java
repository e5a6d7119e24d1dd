package io.qlp.routing;

import io.qlp.api.Tier;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.TierRouterFactory;
import java.util.Arrays;

/**
 * ServiceLoader factory of {@link CascadeRouter}, named {@code cascade}. Keys: {@code ladder} (such as
 * {@code T0,T1,T3}), {@code failures-before-escalation}, {@code start} ({@code plausible} or {@code cheapest}),
 * {@code steps-below-complexity}.
 *
 * <p>Example: {@code new CascadeRouterFactory().create(ProviderConfig.of(Map.of("ladder", "T0,T2")))}
 */
public final class CascadeRouterFactory implements TierRouterFactory {

    @Override
    public String name() {
        return "cascade";
    }

    @Override
    public TierRouter create(ProviderConfig config) {
        CascadeRouter.Builder builder = CascadeRouter.builder();
        config.get("ladder").ifPresent(text -> builder.ladder(Arrays.stream(text.split(","))
                .map(Tier::parse).toArray(Tier[]::new)));
        if (config.get("failures-before-escalation").isPresent()) {
            builder.failuresBeforeEscalation(config.integer("failures-before-escalation", 1));
        }
        String start = config.get("start").orElse("plausible").trim();
        switch (start) {
            case "cheapest" -> builder.startAtCheapest();
            case "plausible" -> {
                if (config.get("steps-below-complexity").isPresent()) {
                    builder.stepsBelowComplexity(config.integer("steps-below-complexity", 1));
                }
            }
            default -> throw new IllegalArgumentException("property 'start' must be 'plausible' or 'cheapest', was '"
                    + start + "'");
        }
        return builder.build();
    }
}
