package io.qlp.validation.internal.worker;

import org.junit.jupiter.api.Test;

/**
 * A test the worker runs once before it says {@code READY}, so the Jupiter engine's execution path is loaded and
 * any one-time JVM state it sets (system properties) is in place before the first capsule is compared against it.
 *
 * <p>Example: the worker selects {@code WarmUpTest} with the JUnit Launcher at start-up.
 */
public final class WarmUpTest {

    /** Used by JUnit. */
    public WarmUpTest() {
    }

    /** Runs nothing but the engine. */
    @Test
    void warm_up() {
        Integer.parseInt("1");
    }
}
