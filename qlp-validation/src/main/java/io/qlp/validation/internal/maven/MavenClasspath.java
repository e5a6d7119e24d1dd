package io.qlp.validation.internal.maven;

import io.qlp.api.Finding;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of resolving a Maven capsule's dependencies: the jars its code compiles and runs against, readable by
 * the sandbox user, or the compile-stage findings saying which dependencies could not be resolved.
 *
 * <p>Example: {@code if (classpath.resolved()) { compile(sources, classpath.jars()); }}
 *
 * @param jars the resolved jars in Maven's class path order, without JUnit's own artifacts
 * @param problems {@code maven.unresolved} errors of the {@code compile} stage; empty when every dependency resolved
 */
public record MavenClasspath(List<Path> jars, List<Finding> problems) {

    /** The class path of a capsule without a {@code pom.xml}, or whose pom declares no dependency but JUnit. */
    public static final MavenClasspath NONE = new MavenClasspath(List.of(), List.of());

    /** Copies the lists. */
    public MavenClasspath {
        jars = List.copyOf(jars);
        problems = List.copyOf(problems);
    }

    /** A class path whose dependencies could not all be resolved. */
    public static MavenClasspath unresolved(List<Finding> problems) {
        return new MavenClasspath(List.of(), problems);
    }

    /** Whether every dependency was resolved. */
    public boolean resolved() {
        return problems.isEmpty();
    }
}
