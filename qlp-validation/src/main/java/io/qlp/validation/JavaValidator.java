package io.qlp.validation;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.validation.internal.CompiledClasses;
import io.qlp.validation.internal.InMemoryCompiler;
import io.qlp.validation.internal.JUnitJars;
import io.qlp.validation.internal.JUnitTestStage;
import io.qlp.validation.internal.JavaSources;
import io.qlp.validation.internal.SyntaxChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * Validates Java 17 capsules in three stages, stopping at the first that fails:
 * <ol>
 *   <li>{@code syntax}: JavaParser on every {@code .java} file;</li>
 *   <li>{@code compile}: the JDK compiler, in memory, against the JUnit jars;</li>
 *   <li>{@code test}: the JUnit Platform console launcher in a separate JVM inside a {@link Sandbox}, judged by its
 *       XML report only: a run passes when the report exists, at least one test ran and none failed.</li>
 * </ol>
 * Sources follow the Maven layout ({@code src/main/java}, {@code src/test/java}); {@code .java} files elsewhere are
 * compiled too, and count as tests when named {@code *Test.java}. Instances are immutable and thread-safe.
 *
 * <p>Example:
 * <pre>{@code
 * Validator validator = JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
 * ValidationReport report = validator.validate(new ValidationTarget(capsule.files(), Language.JAVA));
 * report.errors().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 */
public final class JavaValidator implements Validator {

    /** The name this validator and its factory are known by. */
    public static final String NAME = "java";

    /** Wall-clock limit of a test run unless configured. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(60);

    /** Limits of a test run unless configured: the API defaults with a 256 MiB heap. */
    public static final ResourceLimits DEFAULT_LIMITS = ResourceLimits.defaults().withMemoryBytes(256L * 1024 * 1024);

    private final Sandbox sandbox;
    private final Duration testTimeout;
    private final ResourceLimits limits;
    private final Path javaExecutable;

    private JavaValidator(Builder builder) {
        this.sandbox = builder.sandbox != null ? builder.sandbox : LocalProcessSandbox.create();
        this.testTimeout = builder.testTimeout != null ? builder.testTimeout : DEFAULT_TEST_TIMEOUT;
        this.limits = builder.limits != null ? builder.limits : DEFAULT_LIMITS;
        this.javaExecutable = builder.javaExecutable != null ? builder.javaExecutable : currentJava();
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

        StageResult syntax = timed(SyntaxChecker.STAGE, () -> syntaxFindings(sources));
        stages.add(syntax);
        if (!syntax.passed()) {
            return new ValidationReport(stages);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "this JVM has no Java compiler ("
                    + System.getProperty("java.home") + " is a JRE); run QLP on a JDK",
                    ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), null);
        }
        long compileStarted = System.nanoTime();
        CompiledClasses compiled = compile(compiler, sources);
        StageResult compile = StageResult.of(InMemoryCompiler.STAGE, compiled.findings(), millisSince(compileStarted));
        stages.add(compile);
        if (!compile.passed()) {
            return new ValidationReport(stages);
        }
        JUnitTestStage tests = new JUnitTestStage(sandbox, javaExecutable, testTimeout, limits);
        stages.add(timed(JUnitTestStage.STAGE, () -> tests.run(compiled, sources)));
        return new ValidationReport(stages);
    }

    private static List<Finding> syntaxFindings(JavaSources sources) {
        if (sources.allSources().isEmpty()) {
            return List.of(Finding.error(SyntaxChecker.STAGE, null, 0, 0, "java.no-sources",
                    "no Java source files: expected .java files under src/main/java and src/test/java"));
        }
        return SyntaxChecker.check(sources.allSources());
    }

    private static CompiledClasses compile(JavaCompiler compiler, JavaSources sources) {
        try {
            return InMemoryCompiler.compile(compiler, sources.allSources(), JUnitJars.compileClasspath());
        } catch (IOException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "could not set up the compiler: "
                    + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), e);
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

        private Builder() {
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

        /** Builds the validator. */
        public JavaValidator build() {
            return new JavaValidator(this);
        }

        private static void requireUnset(@Nullable Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set to " + current);
            }
        }
    }
}
