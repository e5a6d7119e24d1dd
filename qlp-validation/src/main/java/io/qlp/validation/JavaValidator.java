package io.qlp.validation;

import io.qlp.api.ErrorCode;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.validation.internal.CompiledClasses;
import io.qlp.validation.internal.InMemoryCompiler;
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.JavaToolStages;
import io.qlp.validation.internal.JUnitTestStage;
import io.qlp.validation.internal.JavaSources;
import io.qlp.validation.internal.PooledTestStage;
import io.qlp.validation.internal.SyntaxChecker;
import io.qlp.validation.internal.WorkerSpec;
import io.qlp.validation.internal.maven.MavenClasspath;
import io.qlp.validation.internal.maven.MavenDependencyResolver;
import io.qlp.validation.internal.tools.ToolsJvmPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Validates Java 17 capsules in four stages. Syntax and compile errors stop the run; the {@code static} and
 * {@code test} stages then run at the same time (PMD in the tools JVM, the tests in a worker JVM) and both are
 * reported. The first three stages run in a long-lived tools JVM of the host, which never runs capsule code (see
 * {@link Builder#toolsJvm(boolean)}), or in this JVM:
 * <ol>
 *   <li>{@code syntax}: JavaParser on every {@code .java} file;</li>
 *   <li>{@code compile}: the JDK compiler, in memory, against the JUnit jars and, in a Maven project, the
 *       dependencies its {@code pom.xml} declares (see {@link Builder#mavenOffline(boolean)});</li>
 *   <li>{@code static}: PMD's defect rules (see {@link Builder#staticAnalysis(boolean)}); only certain defects fail;</li>
 *   <li>{@code test}: the JUnit 5 tests in a sandboxed JVM. By default a warm JVM from a pool runs them: started with
 *       the {@link LocalProcessSandbox}'s confinement (no network, own PID namespace, an unprivileged user id of its
 *       own when QLP runs as root, resource limits, a clean environment, a private folder), it loads each capsule in
 *       a fresh class loader, runs it through the JUnit Platform Launcher and answers over a nonce-protected line
 *       protocol. A worker is killed and replaced after a timeout, an exit or crash, threads or changed JVM state
 *       left behind, or {@link Builder#maxCapsulesPerWorker(int)} capsules. With {@code warmPool(false)} every
 *       capsule gets a new JVM running the console launcher, judged by its XML report. Either way a run passes only
 *       when the runner itself says that at least one test ran and none failed.</li>
 * </ol>
 * Sources follow the Maven layout ({@code src/main/java}, {@code src/test/java}); {@code .java} files elsewhere are
 * compiled too, and count as tests when named {@code *Test.java}. The tests run as {@code mvn test} runs them: in a
 * working folder holding the capsule's files, so a test reads {@code src/test/resources/data.csv} by that path, and,
 * in a Maven project (a {@code pom.xml} at the root), only the classes Surefire runs by default ({@code Test*},
 * {@code *Test}, {@code *Tests}, {@code *TestCase}; not Failsafe's {@code *IT}). A Maven project's dependencies are
 * resolved in this JVM, never in the sandbox, with Maven Resolver and Maven 3's model builder (parents, properties,
 * BOM imports, transitive dependencies, the compile, provided, runtime and test scopes, exclusions), cached per pom
 * content, and are put on the compile, PMD and test class paths; a dependency that cannot be resolved is a
 * {@code maven.unresolved} error of the compile stage. JUnit's own artifacts (Platform, Jupiter, Vintage,
 * opentest4j, apiguardian) are left out of that class path: the tests run on QLP's JUnit, whichever version the pom
 * asks for, since two JUnit versions in one class loader break. Instances are thread-safe;
 * {@link #close()} stops a pool of the validator's own.
 *
 * <p>Example:
 * <pre>{@code
 * Validator validator = JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
 * ValidationReport report = validator.validate(new ValidationTarget(capsule.files(), Language.JAVA));
 * report.errors().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 */
public final class JavaValidator implements Validator, AutoCloseable {

    /** The name this validator and its factory are known by. */
    public static final String NAME = "java";

    /** Wall-clock limit of a test run unless configured. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(60);

    /** Limits of a test run unless configured: the API defaults with a 256 MiB heap. */
    public static final ResourceLimits DEFAULT_LIMITS = ResourceLimits.defaults().withMemoryBytes(256L * 1024 * 1024);

    /** Capsules a warm test JVM runs before it is replaced, unless configured. */
    public static final int DEFAULT_MAX_CAPSULES_PER_WORKER = 200;

    private final Sandbox sandbox;
    private final Duration testTimeout;
    private final ResourceLimits limits;
    private final Path javaExecutable;
    private final boolean staticAnalysis;
    private final @Nullable TestJvmPool pool;
    private final @Nullable ToolsJvmPool tools;
    private final boolean mavenOffline;

    private JavaValidator(Builder builder) {
        this.mavenOffline = builder.mavenOffline == null || builder.mavenOffline;
        this.sandbox = builder.sandbox != null ? builder.sandbox : defaultSandbox();
        this.testTimeout = builder.testTimeout != null ? builder.testTimeout : DEFAULT_TEST_TIMEOUT;
        this.limits = builder.limits != null ? builder.limits : DEFAULT_LIMITS;
        this.javaExecutable = builder.javaExecutable != null ? builder.javaExecutable : currentJava();
        this.staticAnalysis = builder.staticAnalysis == null || builder.staticAnalysis;
        this.tools = builder.toolsJvm == null || builder.toolsJvm ? ToolsJvmPool.shared().orElse(null) : null;
        boolean warm = builder.warmPool != null ? builder.warmPool : builder.sandbox == null
                || builder.sandbox instanceof LocalProcessSandbox;
        if (!warm) {
            this.pool = null;
        } else {
            ConfinedCommand.Options confinement = ((LocalProcessSandbox) this.sandbox).options();
            int maxCapsules = builder.maxCapsulesPerWorker != null
                    ? builder.maxCapsulesPerWorker : DEFAULT_MAX_CAPSULES_PER_WORKER;
            WorkerSpec spec = new WorkerSpec(javaExecutable, limits, confinement, maxCapsules, WORKER_START_TIMEOUT);
            this.pool = builder.poolSize != null || builder.maxCapsulesPerWorker != null
                    ? TestJvmPool.own(spec, builder.poolSize != null ? builder.poolSize : defaultPoolSize())
                    : TestJvmPool.shared(spec, defaultPoolSize());
        }
    }

    /** The sandbox of the tests unless configured: a {@link LocalProcessSandbox} that also drops root's privileges. */
    private static LocalProcessSandbox defaultSandbox() {
        return LocalProcessSandbox.builder().dropPrivileges(true).build();
    }

    /** Warm test JVMs kept unless configured: two, or one on a single core. */
    public static int defaultPoolSize() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** A validator with the defaults: a {@link LocalProcessSandbox}, a 60 s test timeout, {@link #DEFAULT_LIMITS}. */
    public static JavaValidator create() {
        return builder().build();
    }

    /** A builder with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Language language) {
        return language == Language.JAVA;
    }

    /**
     * Runs the stages.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when the target is not Java
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when this JVM has no compiler
     *     or the test run cannot be started
     */
    @Override
    public ValidationReport validate(ValidationTarget target) {
        if (!supports(target.language())) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "the java validator cannot validate "
                    + target.language() + " code", Map.of("language", target.language().id()));
        }
        JavaSources sources = JavaSources.of(target.files());
        List<StageResult> stages = new ArrayList<>();
        if (sources.allSources().isEmpty()) {
            stages.add(StageResult.of(SyntaxChecker.STAGE, List.of(Finding.error(SyntaxChecker.STAGE, null, 0, 0,
                    "java.no-sources", "no Java source files: expected .java files under src/main/java and"
                            + " src/test/java")), 0));
            return new ValidationReport(stages);
        }
        long resolving = System.nanoTime();
        MavenClasspath maven = mavenClasspath(sources);
        if (!maven.resolved()) {
            return unresolved(sources, maven, millisSince(resolving));
        }
        List<Path> dependencies = maven.jars();
        JavaToolStages.Run run = tools != null ? tools.run(sources.allSources(), dependencies, staticAnalysis)
                : JavaToolStages.runHere(sources.allSources(), dependencies, staticAnalysis);
        JavaToolStages.Checked checked = run.checked();
        stages.add(checked.syntax());
        if (checked.compile() != null) {
            stages.add(checked.compile());
        }
        if (!checked.compiledCleanly() || checked.compiled() == null) {
            return new ValidationReport(stages);
        }
        CompiledClasses compiled = checked.compiled();
        // The static stage runs (in the tools JVM or on another thread) while the tests run in a worker JVM.
        StageResult tests = timed(JUnitTestStage.STAGE, () -> runTests(compiled, sources, dependencies));
        if (run.analysis() != null) {
            stages.add(joinAnalysis(run.analysis()));
        }
        stages.add(tests);
        return new ValidationReport(stages);
    }

    /** The dependencies of a Maven project; none for a capsule without a {@code pom.xml}. */
    private MavenClasspath mavenClasspath(JavaSources sources) {
        return sources.projectFiles().stream()
                .filter(file -> file.path().equals("pom.xml"))
                .findFirst()
                .map(pom -> MavenDependencyResolver.shared().resolve(pom.content(), mavenOffline))
                .orElse(MavenClasspath.NONE);
    }

    /** The syntax stage, then, when the sources parse, a compile stage of the resolution problems. */
    private static ValidationReport unresolved(JavaSources sources, MavenClasspath maven, long resolveMillis) {
        StageResult syntax = timed(SyntaxChecker.STAGE, () -> SyntaxChecker.check(sources.allSources()));
        if (!syntax.passed()) {
            return new ValidationReport(List.of(syntax));
        }
        return new ValidationReport(List.of(syntax, StageResult.of(InMemoryCompiler.STAGE, maven.problems(),
                resolveMillis)));
    }

    private static StageResult joinAnalysis(CompletableFuture<StageResult> analysis) {
        try {
            return analysis.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private List<Finding> runTests(CompiledClasses compiled, JavaSources sources, List<Path> dependencies) {
        if (pool == null) {
            return new JUnitTestStage(sandbox, javaExecutable, testTimeout, limits).run(compiled, sources,
                    dependencies);
        }
        return new PooledTestStage(pool.get(), testTimeout).run(compiled, sources, dependencies);
    }

    /**
     * Stops this validator's own pool of test JVMs, if {@link Builder#poolSize(int)} or
     * {@link Builder#maxCapsulesPerWorker(int)} gave it one. The shared default pool is stopped when the JVM exits.
     */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private static StageResult timed(String name, Supplier<List<Finding>> stage) {
        long started = System.nanoTime();
        List<Finding> findings = stage.get();
        return StageResult.of(name, findings, millisSince(started));
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Configures a {@link JavaValidator}. Each option may be set once.
     *
     * <p>Example: {@code JavaValidator.builder().sandbox(LocalProcessSandbox.create()).testTimeout(Duration.ofSeconds(20)).build()}
     */
    public static final class Builder {

        private @Nullable Sandbox sandbox;
        private @Nullable Duration testTimeout;
        private @Nullable ResourceLimits limits;
        private @Nullable Path javaExecutable;
        private @Nullable Boolean warmPool;
        private @Nullable Integer poolSize;
        private @Nullable Integer maxCapsulesPerWorker;
        private @Nullable Boolean staticAnalysis;
        private @Nullable Boolean toolsJvm;
        private @Nullable Boolean mavenOffline;

        private Builder() {
        }

        /**
         * Whether a Maven project's dependencies are resolved from the local repository only (default true), so a
         * validation never downloads anything; a dependency missing there is a {@code maven.unresolved} error of the
         * compile stage. With {@code false} missing artifacts are downloaded, in this JVM, from Maven Central and the
         * repositories the pom declares. The local repository is {@code maven.repo.local} or
         * {@code ~/.m2/repository}; the sandboxed tests read copies of the needed jars, never the repository itself.
         */
        public Builder mavenOffline(boolean offline) {
            requireUnset(this.mavenOffline, "mavenOffline");
            this.mavenOffline = offline;
            return this;
        }

        /**
         * Whether to run tests in warm sandboxed JVMs that load each capsule in a fresh class loader (fast), rather
         * than in a new JVM per capsule (about 1 to 2 s more per capsule). Default true, unless {@link #sandbox}
         * is not a {@link LocalProcessSandbox}: the pool starts its JVMs with that sandbox's confinement.
         */
        public Builder warmPool(boolean warm) {
            requireUnset(this.warmPool, "warmPool");
            this.warmPool = warm;
            return this;
        }

        /**
         * How many warm test JVMs this validator keeps, in a pool of its own that {@link JavaValidator#close()}
         * stops. Without it, validators share one pool of {@link #defaultPoolSize()} JVMs per configuration.
         */
        public Builder poolSize(int size) {
            requireUnset(this.poolSize, "poolSize");
            if (size < 1 || size > 64) {
                throw new IllegalArgumentException("poolSize must be between 1 and 64: " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * How many capsules a warm test JVM runs before it is replaced; default
         * {@link #DEFAULT_MAX_CAPSULES_PER_WORKER}. Setting it gives this validator a pool of its own.
         */
        public Builder maxCapsulesPerWorker(int capsules) {
            requireUnset(this.maxCapsulesPerWorker, "maxCapsulesPerWorker");
            if (capsules < 1) {
                throw new IllegalArgumentException("maxCapsulesPerWorker must be positive: " + capsules);
            }
            this.maxCapsulesPerWorker = capsules;
            return this;
        }

        /** Whether to run the {@code static} stage (PMD's defect rules) between compile and test; default true. */
        public Builder staticAnalysis(boolean enabled) {
            requireUnset(this.staticAnalysis, "staticAnalysis");
            this.staticAnalysis = enabled;
            return this;
        }

        /**
         * Whether the syntax, compile and static stages run in the host's long-lived tools JVMs (default true):
         * javac keeps its contexts there between capsules, and the host's heap stays small. The tools JVMs parse
         * and compile capsule code but never run it. When a new JVM cannot be given QLP's class path (a fat jar),
         * or no tools JVM is free, the stages run in this JVM, with the same results.
         */
        public Builder toolsJvm(boolean enabled) {
            requireUnset(this.toolsJvm, "toolsJvm");
            this.toolsJvm = enabled;
            return this;
        }

        /** Where the test JVM runs; default a {@link LocalProcessSandbox} with its defaults. */
        public Builder sandbox(Sandbox sandbox) {
            requireUnset(this.sandbox, "sandbox");
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /** Wall-clock limit of the test run; default 60 s. */
        public Builder testTimeout(Duration timeout) {
            requireUnset(this.testTimeout, "testTimeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("testTimeout must be positive: " + timeout);
            }
            this.testTimeout = timeout;
            return this;
        }

        /** Limits of the test run; its memory becomes the test JVM's {@code -Xmx}. Default {@link #DEFAULT_LIMITS}. */
        public Builder limits(ResourceLimits limits) {
            requireUnset(this.limits, "limits");
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The {@code java} program that runs the tests; default the one running this JVM. */
        public Builder javaExecutable(Path java) {
            requireUnset(this.javaExecutable, "javaExecutable");
            if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
                throw new IllegalArgumentException("javaExecutable must be an executable file: " + java);
            }
            this.javaExecutable = java;
            return this;
        }

        /**
         * Builds the validator.
         *
         * @throws IllegalStateException when the warm pool is asked for together with a sandbox that is not a
         *     {@link LocalProcessSandbox}, or pool options are set with {@code warmPool(false)}
         */
        public JavaValidator build() {
            if (Boolean.TRUE.equals(warmPool) && sandbox != null && !(sandbox instanceof LocalProcessSandbox)) {
                throw new IllegalStateException("warmPool cannot be combined with the sandbox " + sandbox.name()
                        + ": warm test JVMs are started with a LocalProcessSandbox's confinement");
            }
            if (Boolean.FALSE.equals(warmPool) && (poolSize != null || maxCapsulesPerWorker != null)) {
                throw new IllegalStateException("poolSize and maxCapsulesPerWorker cannot be combined with"
                        + " warmPool(false)");
            }
            return new JavaValidator(this);
        }

        private static void requireUnset(@Nullable Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set to " + current);
            }
        }
    }
}
