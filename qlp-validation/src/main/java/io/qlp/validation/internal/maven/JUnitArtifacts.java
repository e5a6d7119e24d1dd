package io.qlp.validation.internal.maven;

import java.util.List;
import java.util.Set;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.Exclusion;

/**
 * The artifacts of JUnit 5 and 6 (Platform, Jupiter, Vintage) and of their own dependencies, which a capsule's
 * resolved class path leaves out: the test JVM supplies the JUnit of QLP, and two JUnit versions in one class loader
 * break discovery and assertions.
 *
 * <p>Example: {@code JUnitArtifacts.isJUnit(artifact)} is true for {@code org.junit.jupiter:junit-jupiter-api}.
 */
final class JUnitArtifacts {

    private static final Set<String> GROUPS = Set.of("org.junit", "org.junit.jupiter", "org.junit.platform",
            "org.junit.vintage", "org.opentest4j", "org.apiguardian");

    private JUnitArtifacts() {
    }

    /** Whether {@code artifact} belongs to JUnit or its own dependencies. */
    static boolean isJUnit(Artifact artifact) {
        return GROUPS.contains(artifact.getGroupId()) || artifact.getGroupId().startsWith("org.junit.");
    }

    /** Exclusions that keep JUnit out of a dependency's transitive dependencies. */
    static List<Exclusion> exclusions() {
        return GROUPS.stream().sorted().map(group -> new Exclusion(group, "*", "*", "*")).toList();
    }
}
