package io.qlp.validation.internal.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.jspecify.annotations.Nullable;

/**
 * A workspace holding one pom, the capsule's, so the resolver reads the capsule's project as if it were an artifact
 * (and builds its model with parents, imports and interpolation) without installing it anywhere.
 *
 * <p>Example: {@code session.setWorkspaceReader(new SinglePomWorkspace(pomArtifact, pomFile))}
 */
final class SinglePomWorkspace implements WorkspaceReader {

    private final WorkspaceRepository repository = new WorkspaceRepository("qlp-capsule");
    private final Artifact pom;
    private final Path pomFile;

    SinglePomWorkspace(Artifact pom, Path pomFile) {
        this.pom = pom;
        this.pomFile = pomFile;
    }

    @Override
    public WorkspaceRepository getRepository() {
        return repository;
    }

    @Override
    public @Nullable File findArtifact(Artifact artifact) {
        return isThePom(artifact) ? pomFile.toFile() : null;
    }

    @Override
    public List<String> findVersions(Artifact artifact) {
        return isThePom(artifact) ? List.of(pom.getVersion()) : List.of();
    }

    private boolean isThePom(Artifact artifact) {
        return pom.getGroupId().equals(artifact.getGroupId()) && pom.getArtifactId().equals(artifact.getArtifactId())
                && pom.getVersion().equals(artifact.getVersion()) && "pom".equals(artifact.getExtension())
                && artifact.getClassifier().isEmpty();
    }
}
