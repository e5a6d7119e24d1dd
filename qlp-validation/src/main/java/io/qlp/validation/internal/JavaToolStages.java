package io.qlp.validation.internal;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Finding;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.StageResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import org.jspecify.annotations.Nullable;

/**
 * The syntax, compile and static stages of Java validation, run in this JVM: by the validator itself, or by the
 * tools JVM ({@code io.qlp.validation.internal.tools.ToolsServer}) on the host's behalf. Thread-safe.
 *
 * <p>Example: {@code JavaToolStages.Checked checked = JavaToolStages.syntaxAndCompile(sources, List.of());}
 */
public final class JavaToolStages {

    private JavaToolStages() {
    }

    /**
     * The syntax and compile stages of one capsule.
     *
     * @param syntax the syntax stage
     * @param compile the compile stage, absent when the syntax stage failed
     * @param compiled the class files, absent when the syntax stage failed
     */
    public record Checked(StageResult syntax, @Nullable StageResult compile, @Nullable CompiledClasses compiled) {

        /** Whether both stages ran and passed, so the static and test stages may run. */
        public boolean compiledCleanly() {
            return syntax.passed() && compile != null && compile.passed() && compiled != null;
        }
    }

    /**
     * The result of the tool stages: syntax and compile, and the static stage still running when it was asked for
     * and the sources compiled.
     *
     * @param checked the syntax and compile stages
     * @param analysis the static stage, absent when not asked for or the sources did not compile
     */
    public record Run(Checked checked, @Nullable CompletableFuture<StageResult> analysis) {
    }

    /**
     * Runs all three stages here: syntax and compile on the caller's thread, the static stage at the same time on
     * another thread (it needs only the sources, and so runs beside the compiler and then the tests). Its result
     * is kept only when the sources compiled.
     */
    public static Run runHere(List<CapsuleFile> sources, boolean analyse) {
        return runHere(sources, List.of(), analyse);
    }

    /** {@link #runHere(List, boolean)} with {@code dependencies} (a Maven capsule's jars) on the class path too. */
    public static Run runHere(List<CapsuleFile> sources, List<Path> dependencies, boolean analyse) {
        CompletableFuture<StageResult> analysis = analyse
                ? analyseAsync(sources, dependencies, ForkJoinPool.commonPool()) : null;
        Checked checked = syntaxAndCompile(sources, dependencies);
        if (analysis != null && !checked.compiledCleanly()) {
            analysis.cancel(false);
            analysis = null;
        }
        return new Run(checked, analysis);
    }

    /** The static stage on {@code executor}. */
    public static CompletableFuture<StageResult> analyseAsync(List<CapsuleFile> sources, List<Path> dependencies,
                                                              Executor executor) {
        return CompletableFuture.supplyAsync(() -> analyse(sources, dependencies), executor);
    }

    /**
     * Parses, then, when the sources parse, compiles them in memory against the JUnit jars and
     * {@code dependencies}.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when this JVM has no compiler
     */
    public static Checked syntaxAndCompile(List<CapsuleFile> sources, List<Path> dependencies) {
        long started = System.nanoTime();
        List<Finding> syntaxFindings = SyntaxChecker.check(sources);
        StageResult syntax = StageResult.of(SyntaxChecker.STAGE, syntaxFindings, millisSince(started));
        if (!syntax.passed()) {
            return new Checked(syntax, null, null);
        }
        JavaCompiler compiler = InMemoryCompiler.systemCompiler().orElseThrow(() -> infrastructure(
                "this JVM has no Java compiler (" + System.getProperty("java.home") + " is a JRE); run QLP on a JDK",
                null));
        long compileStarted = System.nanoTime();
        CompiledClasses compiled;
        try {
            compiled = InMemoryCompiler.compile(compiler, sources, classpath(dependencies));
        } catch (IOException e) {
            throw infrastructure("could not set up the compiler: " + e.getMessage(), e);
        }
        StageResult compile = StageResult.of(InMemoryCompiler.STAGE, compiled.findings(),
                millisSince(compileStarted));
        return new Checked(syntax, compile, compiled);
    }

    /** The JUnit jars, then {@code dependencies}. */
    private static List<Path> classpath(List<Path> dependencies) {
        if (dependencies.isEmpty()) {
            return JUnitJars.compileClasspath();
        }
        List<Path> classpath = new ArrayList<>(JUnitJars.compileClasspath());
        classpath.addAll(dependencies);
        return classpath;
    }

    /** The static stage (PMD) on the caller's thread; PMD resolves types of {@code dependencies} too. */
    public static StageResult analyse(List<CapsuleFile> sources, List<Path> dependencies) {
        long started = System.nanoTime();
        List<Finding> findings = StaticAnalysis.check(sources, dependencies);
        return StageResult.of(StaticAnalysis.STAGE, findings, millisSince(started));
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static RetriableQlpException infrastructure(String message, @Nullable Throwable cause) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, message,
                ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), cause);
    }
}
