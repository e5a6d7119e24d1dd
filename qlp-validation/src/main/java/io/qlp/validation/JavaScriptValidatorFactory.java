package io.qlp.validation;

import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import io.qlp.validation.internal.script.ConfigValues;
import java.nio.file.Path;
import java.util.Set;

/**
 * Builds {@link JavaScriptValidator}s for {@link io.qlp.api.spi.ServiceProviders}. Optional properties:
 * {@code test-timeout} (a duration such as {@code PT30S} or {@code 30s}, default 60 s), {@code node} (path of the
 * node binary), {@code warm-pool} ({@code true} or {@code false}, default false: Node processes started ahead,
 * one per capsule) and {@code syntax-checker} ({@code true} or {@code false}, default true: the host's long-lived
 * Node syntax checker instead of a {@code node --check} per file).
 *
 * <p>Example: {@code ServiceProviders.load(ValidatorFactory.class, "javascript").create(ProviderConfig.empty())}
 */
public final class JavaScriptValidatorFactory implements ValidatorFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public JavaScriptValidatorFactory() {
    }

    @Override
    public String name() {
        return JavaScriptValidator.NAME;
    }

    @Override
    public Set<String> propertyNames() {
        return Set.of("test-timeout", "node", "warm-pool", "syntax-checker");
    }

    @Override
    public Validator create(ProviderConfig config) {
        JavaScriptValidator.Builder builder = JavaScriptValidator.builder();
        if (config.get("test-timeout").isPresent()) {
            builder.testTimeout(config.duration("test-timeout", JavaScriptValidator.DEFAULT_TEST_TIMEOUT));
        }
        config.get("node").ifPresent(node -> builder.nodeExecutable(Path.of(node.trim())));
        config.get("warm-pool").ifPresent(value -> builder.warmPool(ConfigValues.bool("warm-pool", value)));
        config.get("syntax-checker").ifPresent(value -> builder.syntaxChecker(ConfigValues.bool("syntax-checker",
                value)));
        return builder.build();
    }
}
