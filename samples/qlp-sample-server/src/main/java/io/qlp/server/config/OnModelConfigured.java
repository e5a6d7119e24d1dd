package io.qlp.server.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a model tier is configured, so the server starts without a model and answers generate requests with
 * a {@code configuration} error until one is set.
 *
 * <p>Example: {@code @Conditional(OnModelConfigured.class) @Bean CapsuleGenerator capsuleGenerator(...)}
 */
public final class OnModelConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return QlpSettingsBinder.modelConfigured(context.getEnvironment());
    }
}
