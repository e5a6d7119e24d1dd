package io.qlp.validation.internal;

import io.qlp.api.ErrorCode;
import io.qlp.api.RetriableQlpException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the jars of the JUnit Platform console launcher and the Jupiter API on this JVM's class path. With
 * {@code junit-platform-console-standalone} both are the same jar.
 *
 * <p>Example: {@code Path launcher = JUnitJars.launcherJar();}
 */
public final class JUnitJars {

    private JUnitJars() {
    }

    /** The jar holding {@code org.junit.platform.console.ConsoleLauncher}, run as the test JVM's class path. */
    public static Path launcherJar() {
        return jarOf(org.junit.platform.console.ConsoleLauncher.class);
    }

    /** The jars generated tests compile against: the launcher's and the Jupiter API's. */
    public static List<Path> compileClasspath() {
        // Constant for the JVM's life and asked for on every compile: look the jars up once they were found.
        List<Path> known = compileClasspath;
        if (known == null) {
            Set<Path> jars = new LinkedHashSet<>();
            jars.add(launcherJar());
            jars.add(jarOf(org.junit.jupiter.api.Test.class));
            known = List.copyOf(jars);
            compileClasspath = known;
        }
        return known;
    }

    private static volatile @Nullable List<Path> compileClasspath;

    private static Path jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            throw missing(type, "its code source is " + location);
        }
        try {
            Path path = Path.of(location.toURI());
            if (!Files.isRegularFile(path)) {
                throw missing(type, path + " is not a jar file");
            }
            return path;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw missing(type, "its code source " + location + " is not a file");
        }
    }

    private static RetriableQlpException missing(Class<?> type, String why) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "cannot locate the jar of "
                + type.getName() + " to run JUnit: " + why
                + "; put junit-platform-console-standalone on the class path as a plain jar");
    }
}
