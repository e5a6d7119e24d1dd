package io.qlp.validation.internal.tools;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.StageResult;
import io.qlp.validation.internal.JavaToolStages;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.jspecify.annotations.Nullable;

/**
 * The host's tools JVMs ({@link ToolsServer}), which run the syntax, compile and static stages so that javac keeps
 * its contexts between capsules ({@code JavacTaskPool}, which needs {@code --add-exports}) and the host's heap stays
 * small. The most recently used warm JVM is lent first (its JIT-compiled code is the hottest); one spare is started
 * ahead, up to {@code max} JVMs. When none is free, or a JVM crashes, the stages run in this JVM instead, so a
 * validation never waits for a JVM to start. A JVM that crashes or hangs is killed and replaced. Thread-safe.
 *
 * <p>Example: {@code JavaToolStages.Run run = ToolsJvmPool.shared().orElseThrow().run(sources, true);}
 */
public final class ToolsJvmPool implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Longest a request may take; javac and PMD take milliseconds on a capsule, a hang is a bug or an attack. */
    static final Duration REQUEST_LIMIT = Duration.ofMinutes(2);
    private static final int SPARES = 1;
    /** Failed starts in a row after which the pool stops starting JVMs and everything runs in this JVM. */
    private static final int MAX_FAILED_STARTS = 3;

    /** Classes the tools JVM loads, each from a class path entry the new JVM must see too. */
    private static final List<Class<?>> REQUIRED = List.of(ToolsServer.class, CapsuleFile.class,
            com.github.javaparser.JavaParser.class, net.sourceforge.pmd.PmdAnalysis.class,
            net.sourceforge.pmd.lang.java.JavaLanguageModule.class,
            org.junit.platform.console.ConsoleLauncher.class, org.junit.jupiter.api.Test.class);

    private final List<String> command;
    private final int max;
    private final Deque<ToolsJvm> idle = new ArrayDeque<>();
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "qlp-tools-jvm");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong ids = new AtomicLong();
    private int live;
    private int starting;
    private int failedStarts;
    private boolean closed;

    /** A pool running {@code command} (a {@link ToolsServer}) in up to {@code max} JVMs; starts the first now. */
    ToolsJvmPool(List<String> command, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.command = List.copyOf(command);
        this.max = max;
        warmAhead();
    }

    /**
     * The pool of this JVM, started on first use; empty when a new JVM cannot be given QLP's class path (such as
     * in a fat jar whose libraries sit inside it) or this JVM has no compiler.
     */
    public static Optional<ToolsJvmPool> shared() {
        return Optional.ofNullable(Shared.VALUE);
    }

    /**
     * Runs the tool stages in a tools JVM, or here when none is free or the JVM crashed.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the tools hung past
     *     {@link #REQUEST_LIMIT} or failed on these sources
     */
    public JavaToolStages.Run run(List<CapsuleFile> sources, boolean analyse) {
        return run(sources, List.of(), analyse);
    }

    /**
     * {@link #run(List, boolean)} with {@code dependencies} (a Maven capsule's jars, readable by this host) on the
     * compile and PMD class paths too.
     */
    public JavaToolStages.Run run(List<CapsuleFile> sources, List<Path> dependencies, boolean analyse) {
        ToolsJvm jvm = lend();
        if (jvm == null) {
            return JavaToolStages.runHere(sources, dependencies, analyse);
        }
        long id = ids.incrementAndGet();
        JavaToolStages.Checked checked;
        try {
            checked = jvm.check(id, sources, dependencies, analyse, REQUEST_LIMIT);
        } catch (ToolsJvm.ToolsFailedException e) {
            giveBack(jvm);
            throw infrastructure("the compiler failed on these sources: " + e.getMessage(), e);
        } catch (IOException e) {
            return afterCrash(jvm, e, () -> JavaToolStages.runHere(sources, dependencies, analyse));
        }
        if (!analyse || !checked.compiledCleanly()) {
            giveBack(jvm);
            return new JavaToolStages.Run(checked, null);
        }
        CompletableFuture<StageResult> analysis = CompletableFuture.supplyAsync(() -> {
            try {
                StageResult result = jvm.analysis(id, REQUEST_LIMIT);
                giveBack(jvm);
                return result;
            } catch (ToolsJvm.ToolsFailedException e) {
                giveBack(jvm);
                throw infrastructure("the static analysis failed on these sources: " + e.getMessage(), e);
            } catch (IOException e) {
                return afterCrash(jvm, e, () -> JavaToolStages.analyse(sources, dependencies));
            }
        }, background);
        return new JavaToolStages.Run(checked, analysis);
    }

    /** How many tools JVMs run or are starting. */
    public synchronized int live() {
        return live;
    }

    /** How many warm tools JVMs wait for work. */
    public synchronized int idle() {
        return idle.size();
    }

    /** The process ids of the idle tools JVMs, most recently used first. */
    synchronized List<Long> idlePids() {
        return idle.stream().map(ToolsJvm::pid).toList();
    }

    private <T> T afterCrash(ToolsJvm jvm, IOException failure, java.util.function.Supplier<T> here) {
        boolean hung = jvm.timedOut();
        String stderr = jvm.stderrText();
        discard(jvm);
        if (hung) {
            throw infrastructure("the compiler or static analysis did not finish within " + REQUEST_LIMIT, failure);
        }
        // The tools JVM died (killed, out of memory): this capsule's stages run here instead.
        if (!stderr.isEmpty()) {
            System.getLogger(ToolsJvmPool.class.getName()).log(System.Logger.Level.WARNING,
                    "a tools JVM died: " + failure.getMessage() + "; stderr: " + stderr);
        }
        return here.get();
    }

    private synchronized @Nullable ToolsJvm lend() {
        ToolsJvm jvm = idle.pollFirst();
        warmAhead();
        return jvm;
    }

    private void giveBack(ToolsJvm jvm) {
        synchronized (this) {
            if (!closed) {
                idle.addFirst(jvm);
                return;
            }
        }
        jvm.close();
    }

    private void discard(ToolsJvm jvm) {
        jvm.close();
        synchronized (this) {
            live--;
            warmAhead();
        }
    }

    /** Starts JVMs in the background until {@link #SPARES} are idle or starting, within {@code max}. */
    private synchronized void warmAhead() {
        while (!closed && failedStarts < MAX_FAILED_STARTS && idle.size() + starting < SPARES && live < max) {
            live++;
            starting++;
            background.execute(this::startOne);
        }
    }

    private void startOne() {
        ToolsJvm jvm = null;
        try {
            jvm = ToolsJvm.start(command, START_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            System.getLogger(ToolsJvmPool.class.getName()).log(System.Logger.Level.WARNING,
                    "could not start a tools JVM; the stages run in this JVM: " + e.getMessage());
        }
        synchronized (this) {
            starting--;
            if (jvm == null) {
                live--;
                failedStarts++;
                return;
            }
            failedStarts = 0;
            if (!closed) {
                // A new JVM is cold: the warm ones are lent before it.
                idle.addLast(jvm);
                return;
            }
        }
        jvm.close();
    }

    /** Ends every idle tools JVM and stops starting new ones; busy ones end when they are given back. */
    @Override
    public void close() {
        List<ToolsJvm> ending;
        synchronized (this) {
            closed = true;
            ending = new ArrayList<>(idle);
            idle.clear();
        }
        ending.forEach(ToolsJvm::close);
        background.shutdown();
    }

    /**
     * The command of a tools JVM, or empty when a new JVM cannot load QLP's classes from this JVM's class path.
     */
    static Optional<List<String>> command() {
        String classpath = System.getProperty("java.class.path", "");
        Set<Path> reachable = reachable(classpath);
        for (Class<?> type : REQUIRED) {
            Path location = location(type);
            if (location == null || !reachable.contains(location)) {
                return Optional.empty();
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Optional.of(List.of(java.toString(),
                // C1 only: a tools JVM is fast within a few capsules instead of a few hundred.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                "-Xmx512m", "-Xss8m", "-Djava.awt.headless=true",
                "--add-exports", "jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                "-cp", classpath, ToolsServer.class.getName()));
    }

    /** The class path entries, and the entries of their manifests' {@code Class-Path} (as Surefire's jar uses). */
    private static Set<Path> reachable(String classpath) {
        Set<Path> paths = new HashSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path;
            try {
                path = Path.of(entry).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            paths.add(path);
            if (Files.isRegularFile(path)) {
                paths.addAll(manifestClassPath(path));
            }
        }
        return paths;
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> paths = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            String value = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (value == null) {
                return paths;
            }
            for (String url : value.trim().split("\\s+")) {
                try {
                    paths.add(Path.of(jar.toUri().resolve(url)).toAbsolutePath().normalize());
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    // Not a file URL: the new JVM could not read it either.
                }
            }
        } catch (IOException e) {
            // Not a jar.
        }
        return paths;
    }

    private static @Nullable Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static RetriableQlpException infrastructure(String message, @Nullable Throwable cause) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, message,
                ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), cause);
    }

    private static final class Shared {
        static final @Nullable ToolsJvmPool VALUE = create();

        private static @Nullable ToolsJvmPool create() {
            Optional<List<String>> command = command();
            if (command.isEmpty() || io.qlp.validation.internal.InMemoryCompiler.systemCompiler().isEmpty()) {
                return null;
            }
            ToolsJvmPool pool = new ToolsJvmPool(command.get(),
                    Math.max(2, Runtime.getRuntime().availableProcessors()));
            Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "qlp-tools-jvm-cleanup"));
            return pool;
        }
    }
}
