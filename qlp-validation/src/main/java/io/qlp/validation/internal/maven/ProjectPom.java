package io.qlp.validation.internal.maven;

import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.jspecify.annotations.Nullable;

/**
 * The coordinates of a capsule's own {@code pom.xml}, taking the groupId and version from its parent when the pom
 * inherits them, as Maven does.
 *
 * <p>Example: {@code Artifact pom = ProjectPom.of(model).artifact();}
 *
 * @param artifact the pom artifact, {@code groupId:artifactId:pom:version}
 */
record ProjectPom(Artifact artifact) {

    /** The coordinates of {@code model}, or null when it names no artifactId, groupId or version. */
    static @Nullable ProjectPom of(Model model) {
        Parent parent = model.getParent();
        String groupId = model.getGroupId() != null ? model.getGroupId() : parent != null ? parent.getGroupId() : null;
        String version = model.getVersion() != null ? model.getVersion() : parent != null ? parent.getVersion() : null;
        if (groupId == null || model.getArtifactId() == null || version == null) {
            return null;
        }
        return new ProjectPom(new DefaultArtifact(groupId, model.getArtifactId(), "", "pom", version));
    }
}
