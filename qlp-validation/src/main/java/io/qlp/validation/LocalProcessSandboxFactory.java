package io.qlp.validation;

import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.SandboxFactory;
import java.util.Set;

/**
 * Builds {@link LocalProcessSandbox}es for {@link io.qlp.api.spi.ServiceProviders}. Optional properties:
 * {@code isolate-network} (true/false, default true), {@code limit-address-space} (true/false, default false),
 * {@code max-open-files} (integer, default 1024) and {@code drop-privileges} (true/false, default false: run each
 * command as an unprivileged user of its own when QLP runs as root).
 *
 * <p>Example: {@code ServiceProviders.load(SandboxFactory.class, "local-process").create(ProviderConfig.empty())}
 */
public final class LocalProcessSandboxFactory implements SandboxFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public LocalProcessSandboxFactory() {
    }

    @Override
    public String name() {
        return LocalProcessSandbox.NAME;
    }

    @Override
    public Set<String> propertyNames() {
        return Set.of("isolate-network", "limit-address-space", "max-open-files", "drop-privileges");
    }

    @Override
    public Sandbox create(ProviderConfig config) {
        LocalProcessSandbox.Builder builder = LocalProcessSandbox.builder();
        config.get("isolate-network").ifPresent(v -> builder.isolateNetwork(bool("isolate-network", v)));
        config.get("limit-address-space").ifPresent(v -> builder.limitAddressSpace(bool("limit-address-space", v)));
        config.get("max-open-files").ifPresent(v -> builder.maxOpenFiles(config.integer("max-open-files", 0)));
        config.get("drop-privileges").ifPresent(v -> builder.dropPrivileges(bool("drop-privileges", v)));
        return builder.build();
    }

    private static boolean bool(String key, String value) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return true;
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("property '" + key + "' must be true or false, was '" + value + "'");
    }
}
