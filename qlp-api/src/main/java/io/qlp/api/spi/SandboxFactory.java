package io.qlp.api.spi;

/**
 * Builds {@link Sandbox}es; register in {@code META-INF/services/io.qlp.api.spi.SandboxFactory}.
 *
 * <p>Example: {@code Sandbox sandbox = ServiceProviders.load(SandboxFactory.class, "local-process").create(config);}
 */
public interface SandboxFactory extends ProviderFactory<Sandbox> {
}
