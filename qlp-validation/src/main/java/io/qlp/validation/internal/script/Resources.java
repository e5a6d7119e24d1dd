package io.qlp.validation.internal.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads helper scripts shipped next to the classes that run them.
 *
 * <p>Example: {@code String script = Resources.text(PythonSyntaxStage.class, "check_syntax.py");}
 */
public final class Resources {

    private Resources() {
    }

    /**
     * The UTF-8 text of resource {@code name} in the package of {@code owner}.
     *
     * @throws IllegalStateException when the resource is missing from the build
     */
    public static String text(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing next to " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource " + name, e);
        }
    }
}
