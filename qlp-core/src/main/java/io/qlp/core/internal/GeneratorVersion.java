package io.qlp.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The QLP version written into manifests, read once from the resource Maven filters at build time. */
public final class GeneratorVersion {

    private static final String VERSION = load();

    private GeneratorVersion() {
    }

    /** For example {@code qlp-java/0.1.0}. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = GeneratorVersion.class.getResourceAsStream("/io/qlp/core/qlp-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("qlp-version.properties is missing from qlp-core's jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return "qlp-java/" + properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
