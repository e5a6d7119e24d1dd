package io.qlp.api.spi;

/**
 * Runs untrusted commands isolated from the host: a separate process, limits, a timeout, no secrets and, where the
 * machine allows, no network. A sandbox throws {@link io.qlp.api.QlpException} only when it cannot start the command.
 *
 * <p>Example: {@code SandboxResult result = sandbox.run(request);}
 */
public interface Sandbox {

    /** A short unique name, such as {@code local-process}. */
    String name();

    /** Runs the command and waits for it, or for its timeout. */
    SandboxResult run(SandboxRequest request);
}
