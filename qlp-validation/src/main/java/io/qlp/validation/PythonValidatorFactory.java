package io.qlp.validation;

import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import io.qlp.validation.internal.script.ConfigValues;
import java.nio.file.Path;
import java.util.Set;

/**
 * Builds {@link PythonValidator}s for {@link io.qlp.api.spi.ServiceProviders}. Optional properties:
 * {@code test-timeout} (a duration such as {@code PT30S} or {@code 30s}, default 60 s), {@code python} (path of the
 * interpreter), {@code autoload-plugins} ({@code true} or {@code false}, default false) and {@code warm-pool}
 * ({@code true} or {@code false}, default true: warm pytest zygotes; false runs each capsule's one-shot path).
 *
 * <p>Example: {@code ServiceProviders.load(ValidatorFactory.class, "python").create(ProviderConfig.of(Map.of("test-timeout", "30s")))}
 */
public final class PythonValidatorFactory implements ValidatorFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public PythonValidatorFactory() {
    }

    @Override
    public String name() {
        return PythonValidator.NAME;
    }

    @Override
    public Set<String> propertyNames() {
        return Set.of("test-timeout", "python", "autoload-plugins", "warm-pool");
    }

    @Override
    public Validator create(ProviderConfig config) {
        PythonValidator.Builder builder = PythonValidator.builder();
        if (config.get("test-timeout").isPresent()) {
            builder.testTimeout(config.duration("test-timeout", PythonValidator.DEFAULT_TEST_TIMEOUT));
        }
        config.get("python").ifPresent(python -> builder.pythonExecutable(Path.of(python.trim())));
        config.get("autoload-plugins").ifPresent(value -> builder.autoloadPlugins(ConfigValues.bool("autoload-plugins", value)));
        config.get("warm-pool").ifPresent(value -> builder.warmPool(ConfigValues.bool("warm-pool", value)));
        return builder.build();
    }
}
