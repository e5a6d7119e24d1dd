package io.qlp.spring.boot.internal;

import io.qlp.api.Tier;
import io.qlp.spring.boot.QlpProperties;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one {@code qlp.tiers.tN} is configured. Without a model there is nothing to generate with,
 * and an application that only reads stored capsules should still start.
 */
public final class OnTiersConfiguredCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<Tier, QlpProperties.TierProperties> tiers = Binder.get(context.getEnvironment())
                .bind("qlp.tiers", QlpProperties.Tiers.class)
                .map(QlpProperties.Tiers::configured)
                .orElse(Map.of());
        return tiers.isEmpty()
                ? ConditionOutcome.noMatch("no qlp.tiers.* model is configured")
                : ConditionOutcome.match("qlp.tiers configures " + tiers.keySet());
    }
}
