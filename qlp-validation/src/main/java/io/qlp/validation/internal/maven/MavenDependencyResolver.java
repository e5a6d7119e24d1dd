package io.qlp.validation.internal.maven;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Stage;
import io.qlp.api.Finding;
import io.qlp.api.RetriableQlpException;
import io.qlp.validation.internal.InMemoryCompiler;
import io.qlp.validation.internal.WorkerRuntime;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the class path of a Maven capsule as {@code mvn test} computes it, with Maven Resolver and Maven 3's model
 * builder: parent poms, properties, {@code dependencyManagement} and BOM imports, transitive dependencies, the
 * {@code compile}, {@code provided}, {@code runtime} and {@code test} scopes, exclusions and optional dependencies.
 * It runs in the host, never in the sandbox, against the local repository ({@code maven.repo.local}, else
 * {@code ~/.m2/repository}); offline it reads only that repository, online it may also download from Maven Central
 * and the repositories the pom declares.
 *
 * <p>JUnit's own artifacts (Platform, Jupiter, Vintage, opentest4j, apiguardian) are left out: the test JVM runs the
 * capsule with QLP's JUnit, and two JUnit versions in one class loader break. The resolved jars are staged
 * ({@link StagedJars}) where the sandbox user can read them. Resolutions are cached per pom content (SHA-256),
 * offline flag and local repository; failures are not cached, so a dependency installed later is found.
 * Thread-safe.
 *
 * <p>Example: {@code MavenClasspath classpath = MavenDependencyResolver.shared().resolve(pomXml, true);}
 */
public final class MavenDependencyResolver {

    /** The rule of a dependency that could not be resolved. */
    public static final String UNRESOLVED = "maven.unresolved";

    private static final RemoteRepository CENTRAL = new RemoteRepository.Builder("central", "default",
            "https://repo.maven.apache.org/maven2/").build();
    private static final int MAX_PROBLEMS = 10;

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final Path localRepository;
    private final Cache<Key, MavenClasspath> resolved = Caffeine.newBuilder().maximumSize(256).build();

    private MavenDependencyResolver(Path localRepository) {
        this.localRepository = localRepository;
    }

    /** The resolver of this JVM, on the local repository Maven itself would use. */
    public static MavenDependencyResolver shared() {
        return Shared.VALUE;
    }

    /** A resolver of its own on {@code localRepository}, with a cache of its own. */
    public static MavenDependencyResolver on(Path localRepository) {
        return new MavenDependencyResolver(localRepository);
    }

    /** {@code maven.repo.local} when set, else {@code ~/.m2/repository}. */
    public static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The local repository this resolver reads. */
    public Path localRepository() {
        return localRepository;
    }

    /**
     * The class path of the project whose {@code pom.xml} is {@code pom}.
     *
     * @param offline whether to use only the local repository
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the jars cannot be staged
     */
    public MavenClasspath resolve(String pom, boolean offline) {
        Key key = new Key(sha256(pom), offline);
        MavenClasspath cached = resolved.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        MavenClasspath fresh = resolveNow(pom, offline);
        if (fresh.resolved()) {
            resolved.put(key, fresh);
        }
        return fresh;
    }

    private MavenClasspath resolveNow(String pom, boolean offline) {
        Model model;
        try {
            model = new MavenXpp3Reader().read(new StringReader(pom), false);
        } catch (IOException | XmlPullParserException e) {
            return unresolved("pom.xml cannot be read: " + e.getMessage());
        }
        ProjectPom project = ProjectPom.of(model);
        if (project == null) {
            return unresolved("pom.xml names no groupId, artifactId and version (nor a parent that gives them)");
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("qlp-pom-");
            Path pomFile = Files.writeString(folder.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
            try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                    .withLocalRepositoryBaseDirectories(localRepository)
                    .setOffline(offline)
                    .setSystemProperties(System.getProperties())
                    .setWorkspaceReader(new SinglePomWorkspace(project.artifact(), pomFile))
                    .build()) {
                return stage(collectAndResolve(session, project.artifact(), offline));
            }
        } catch (ProblemsException e) {
            return MavenClasspath.unresolved(e.findings);
        } catch (IOException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE,
                    "could not prepare the Maven class path: " + e.getMessage(),
                    ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private List<Path> collectAndResolve(RepositorySystemSession session, Artifact pom, boolean offline)
            throws ProblemsException {
        ArtifactDescriptorResult descriptor;
        try {
            descriptor = system.readArtifactDescriptor(session,
                    new ArtifactDescriptorRequest(pom, List.of(CENTRAL), "qlp"));
        } catch (ArtifactDescriptorException e) {
            throw new ProblemsException(List.of(problem(describe(e), offline)));
        }
        List<RemoteRepository> repositories = new ArrayList<>(List.of(CENTRAL));
        repositories.addAll(descriptor.getRepositories());
        CollectRequest collect = new CollectRequest();
        collect.setRootArtifact(pom);
        collect.setRepositories(system.newResolutionRepositories(session, repositories));
        collect.setManagedDependencies(descriptor.getManagedDependencies());
        for (Dependency dependency : descriptor.getDependencies()) {
            if (!JUnitArtifacts.isJUnit(dependency.getArtifact())) {
                List<org.eclipse.aether.graph.Exclusion> exclusions = new ArrayList<>(dependency.getExclusions());
                exclusions.addAll(JUnitArtifacts.exclusions());
                collect.addDependency(dependency.setExclusions(exclusions));
            }
        }
        DependencyRequest request = new DependencyRequest(collect,
                (node, parents) -> node.getArtifact() == null || !JUnitArtifacts.isJUnit(node.getArtifact()));
        DependencyResult result;
        try {
            result = system.resolveDependencies(session, request);
        } catch (DependencyResolutionException e) {
            // Collection failures (a missing pom of a dependency) come here too, as the result's collect exceptions.
            List<String> causes = new ArrayList<>();
            for (ArtifactResult artifact : e.getResult().getArtifactResults()) {
                if (!artifact.isResolved()) {
                    causes.add(artifact.getRequest().getArtifact() + " is not in the local repository"
                            + (artifact.getExceptions().isEmpty() ? ""
                                    : " (" + describe(artifact.getExceptions().get(0)) + ")"));
                }
            }
            e.getResult().getCollectExceptions().forEach(cause -> causes.add(describe(cause)));
            throw new ProblemsException(problems(causes.isEmpty() ? List.of(describe(e)) : causes, offline));
        }
        Set<Path> jars = new LinkedHashSet<>();
        List<String> outside = new ArrayList<>();
        for (ArtifactResult artifact : result.getArtifactResults()) {
            Artifact resolvedArtifact = artifact.getArtifact();
            if (resolvedArtifact == null || resolvedArtifact.getPath() == null
                    || !"jar".equals(resolvedArtifact.getExtension())) {
                continue;
            }
            // A system-scoped dependency names any host file; staging it would hand that file to the sandbox.
            if (!insideLocalRepository(resolvedArtifact.getPath())) {
                outside.add(resolvedArtifact + " is not a file of the local repository (" + resolvedArtifact.getPath()
                        + "); system-scoped dependencies are not supported");
            } else {
                jars.add(resolvedArtifact.getPath());
            }
        }
        if (!outside.isEmpty()) {
            throw new ProblemsException(problems(outside, offline));
        }
        return List.copyOf(jars);
    }

    private boolean insideLocalRepository(Path jar) {
        try {
            return jar.toRealPath().startsWith(localRepository.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static MavenClasspath stage(List<Path> jars) throws IOException {
        if (jars.isEmpty()) {
            return MavenClasspath.NONE;
        }
        StagedJars staging = StagedJars.in(WorkerRuntime.shared().root());
        List<Path> staged = new ArrayList<>();
        for (Path jar : jars) {
            staged.add(staging.stage(jar));
        }
        return new MavenClasspath(staged, List.of());
    }

    private List<Finding> problems(List<String> causes, boolean offline) {
        List<Finding> findings = new ArrayList<>();
        for (String cause : causes.stream().distinct().limit(MAX_PROBLEMS).toList()) {
            findings.add(problem(cause, offline));
        }
        return findings;
    }

    private Finding problem(String cause, boolean offline) {
        String where = offline
                ? "; offline, only the local repository " + localRepository + " is read (run mvn dependency:resolve"
                        + " on the project once, or set the java validator's maven-offline=false)"
                : "; local repository " + localRepository;
        return Finding.error(InMemoryCompiler.STAGE, "pom.xml", 0, 0, UNRESOLVED,
                "cannot resolve the Maven dependencies: " + cause + where);
    }

    private MavenClasspath unresolved(String cause) {
        return MavenClasspath.unresolved(List.of(Finding.error(InMemoryCompiler.STAGE, "pom.xml", 0, 0,
                UNRESOLVED, "cannot resolve the Maven dependencies: " + cause)));
    }

    /** The innermost message of {@code error}, which names the artifact and why it was not found. */
    private static String describe(Throwable error) {
        Throwable cause = error;
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(StagedJars.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void deleteQuietly(@Nullable Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(folder.resolve("pom.xml"));
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // A small file in the temp folder.
        }
    }

    /** The cache key: the pom's content hash and the offline flag. */
    private record Key(String pomSha256, boolean offline) {
    }

    /** Resolution problems, as findings, thrown out of the resolver's nested calls. */
    private static final class ProblemsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Finding> findings;

        ProblemsException(List<Finding> findings) {
            super(findings.get(0).message(), null, false, false);
            this.findings = findings;
        }
    }

    private static final class Shared {
        static final MavenDependencyResolver VALUE = new MavenDependencyResolver(defaultLocalRepository());
    }
}
