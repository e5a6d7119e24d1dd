package io.qlp.validation;

import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import java.util.Arrays;
import java.util.Set;

/**
 * Builds {@link SecurityValidator}s for {@link io.qlp.api.spi.ServiceProviders}. Optional properties:
 * {@code entropy-threshold} (bits per character, default 4.5) and {@code disabled-rules} (comma-separated rule ids).
 *
 * <p>Example: {@code ServiceProviders.load(ValidatorFactory.class, "security").create(ProviderConfig.of(Map.of("disabled-rules", "python.subprocess")))}
 */
public final class SecurityValidatorFactory implements ValidatorFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public SecurityValidatorFactory() {
    }

    @Override
    public String name() {
        return SecurityValidator.NAME;
    }

    @Override
    public Set<String> propertyNames() {
        return Set.of("entropy-threshold", "disabled-rules");
    }

    @Override
    public Validator create(ProviderConfig config) {
        SecurityValidator.Builder builder = SecurityValidator.builder();
        if (config.get("entropy-threshold").isPresent()) {
            builder.entropyThreshold(config.decimal("entropy-threshold", 4.5));
        }
        config.get("disabled-rules").ifPresent(rules -> builder.disabledRules(Arrays.stream(rules.split(","))
                .map(String::trim).filter(rule -> !rule.isEmpty()).toArray(String[]::new)));
        return builder.build();
    }
}
