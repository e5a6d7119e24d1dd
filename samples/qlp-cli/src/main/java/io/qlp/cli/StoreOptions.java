package io.qlp.cli;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.QlpSettings;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option the store commands share, and the store it configures ({@code qlp.store.*}; the
 * embedded store under {@code qlp.data-dir}, {@code QLP_DATA_DIR} or {@code ~/.qlp} by default).
 *
 * <p>Example: {@code try (CapsuleStore store = options.openStore()) { ... }}
 */
public final class StoreOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with qlp.* settings (qlp.store.*,"
            + " qlp.data-dir, qlp.export.signing.*, qlp.validation.*).")
    private @Nullable Path config;

    private final Map<String, String> environment;

    /** Options reading the process environment, for picocli. */
    public StoreOptions() {
        this(System.getenv());
    }

    /** Options reading {@code environment}. */
    StoreOptions(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The settings from {@code --config}, or from the environment. */
    public QlpSettings settings() {
        return ConfigLoader.load(config, environment);
    }

    /** The environment the settings read. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Opens the configured store; the caller closes it. */
    public CapsuleStore openStore() {
        return GeneratorFactory.openStore(settings(), environment::get);
    }

    /** The error for an id no capsule has. */
    static NonRetriableQlpException notFound(String id) {
        return new NonRetriableQlpException(ErrorCode.CAPSULE_NOT_FOUND, "no capsule has id '" + id
                + "'; qlp list shows the stored capsules", Map.of("capsuleId", id));
    }
}
