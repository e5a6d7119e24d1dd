package io.qlp.validation;

import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import java.util.Set;

/**
 * Builds {@link JavaValidator}s for {@link io.qlp.api.spi.ServiceProviders}. Optional properties: {@code test-timeout}
 * (a duration such as {@code PT30S} or {@code 30s}, default 60 s) and {@code maven-offline} ({@code true} or
 * {@code false}, default true: a Maven project's dependencies come from the local repository only; see
 * {@link JavaValidator.Builder#mavenOffline(boolean)}). The tests run in a default
 * {@link LocalProcessSandbox}.
 *
 * <p>Example: {@code ServiceProviders.load(ValidatorFactory.class, "java").create(ProviderConfig.of(Map.of("test-timeout", "30s")))}
 */
public final class JavaValidatorFactory implements ValidatorFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public JavaValidatorFactory() {
    }

    @Override
    public String name() {
        return JavaValidator.NAME;
    }

    @Override
    public Set<String> propertyNames() {
        return Set.of("test-timeout", "maven-offline");
    }

    private static boolean flag(String key, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("property '" + key + "' must be true or false, was '"
                    + value + "'");
        };
    }

    @Override
    public Validator create(ProviderConfig config) {
        JavaValidator.Builder builder = JavaValidator.builder();
        if (config.get("test-timeout").isPresent()) {
            builder.testTimeout(config.duration("test-timeout", JavaValidator.DEFAULT_TEST_TIMEOUT));
        }
        config.get("maven-offline").ifPresent(value -> builder.mavenOffline(flag("maven-offline", value)));
        return builder.build();
    }
}
