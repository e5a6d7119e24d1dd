package io.qlp.validation.internal;

import com.sun.source.util.JavacTask;
import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DiagnosticListener;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * Compiles capsule sources with {@code javax.tools}, reading sources from memory and keeping class files in
 * memory, so nothing is written to disk.
 *
 * <p>Example: {@code CompiledClasses compiled = InMemoryCompiler.compile(compiler, sources, List.of(junitJar));}
 */
public final class InMemoryCompiler {

    /** The stage name of the findings. */
    public static final String STAGE = "compile";

    /** The Java release capsules are written for. */
    static final int RELEASE = 17;

    private static final List<String> OPTIONS = options(Runtime.version().feature());

    private static final int MAX_IDLE_MANAGERS = 8;
    private static final int MAX_POOLED_CLASSPATHS = 32;
    private static final Map<ManagerKey, Queue<StandardJavaFileManager>> IDLE_MANAGERS = new ConcurrentHashMap<>();
    private static final AtomicInteger MANAGERS_OPENED = new AtomicInteger();

    private InMemoryCompiler() {
    }

    /**
     * The JDK's compiler, looked up once: {@link ToolProvider#getSystemJavaCompiler()} returns a new instance on
     * every call, and file managers are kept per compiler instance. Empty on a JRE.
     */
    public static Optional<JavaCompiler> systemCompiler() {
        return Optional.ofNullable(SystemCompiler.VALUE);
    }

    /**
     * The compiler options for a JDK of the given feature release. On the release itself {@code --release} adds
     * nothing but cost: javac would read the platform's API from {@code ct.sym} on every compilation, while without
     * it javac reads the same API from the running JDK's image and caches it; both reject non-exported packages.
     */
    static List<String> options(int runningFeature) {
        List<String> common = List.of("-proc:none", "-g", "-encoding", "UTF-8");
        if (runningFeature == RELEASE) {
            return common;
        }
        List<String> options = new ArrayList<>(List.of("--release", String.valueOf(RELEASE)));
        options.addAll(common);
        return List.copyOf(options);
    }

    /** How many file managers this JVM opened so far: one per concurrent compilation, not one per capsule. */
    static int fileManagersOpened() {
        return MANAGERS_OPENED.get();
    }

    /**
     * Compiles {@code sources} against {@code classpath}. The JDK's file managers are kept for reuse (one per
     * concurrent compilation), because opening the class path's jars and the platform's classes again for every
     * capsule costs more than compiling a small capsule.
     */
    public static CompiledClasses compile(JavaCompiler compiler, List<CapsuleFile> sources, List<Path> classpath)
            throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<SourceFile> units = sources.stream().map(SourceFile::new).toList();
        PooledJavac pooled = compiler == SystemCompiler.VALUE ? PooledJavac.INSTANCE : null;
        if (pooled != null) {
            Optional<CompiledClasses> compiled = pooled.compile(compiler, classpath, diagnostics, units);
            if (compiled.isPresent()) {
                return compiled.get();
            }
        }
        ManagerKey key = new ManagerKey(compiler, List.copyOf(classpath));
        // Maven capsules bring class paths of their own: keep managers for a bounded number of them only.
        Queue<StandardJavaFileManager> idle = IDLE_MANAGERS.size() < MAX_POOLED_CLASSPATHS
                ? IDLE_MANAGERS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()) : IDLE_MANAGERS.get(key);
        StandardJavaFileManager standard = idle == null ? null : idle.poll();
        if (standard == null) {
            standard = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
            MANAGERS_OPENED.incrementAndGet();
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
        }
        boolean reusable = false;
        try {
            MemoryFileManager files = new MemoryFileManager(standard);
            boolean success = compiler.getTask(null, files, diagnostics, OPTIONS, null, units).call();
            reusable = true;
            return result(success, files, diagnostics);
        } finally {
            if (reusable && idle != null && idle.size() < MAX_IDLE_MANAGERS) {
                idle.add(standard);
            } else {
                standard.close();
            }
        }
    }

    private static CompiledClasses result(boolean success, MemoryFileManager files,
                                          DiagnosticCollector<JavaFileObject> diagnostics) {
        List<Finding> findings = toFindings(diagnostics.getDiagnostics());
        if (!success && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR)) {
            findings.add(Finding.error(STAGE, null, 0, 0, "compiler.failed",
                    "the compiler failed without reporting an error"));
        }
        return new CompiledClasses(files.classBytes(), files.classSources, findings);
    }

    private static final class SystemCompiler {
        static final @Nullable JavaCompiler VALUE = ToolProvider.getSystemJavaCompiler();
    }

    /**
     * The JDK's {@code com.sun.tools.javac.api.JavacTaskPool}, the pool of compiler contexts JShell uses: it keeps
     * javac's symbol tables of the platform and class path between compilations and drops the classes each
     * compilation declared. Usable only when this JVM exports {@code com.sun.tools.javac.api} to QLP (the tools JVM
     * is started with {@code --add-exports}); otherwise every compilation builds a new context.
     *
     * <p>A pooled context keeps the file manager it was first given (its class writer and class finder hold it),
     * so every pooled compilation goes through one file manager, emptied before each compilation, and pooled
     * compilations run one at a time. A tools JVM serves one request at a time anyway.
     */
    private static final class PooledJavac {
        static final @Nullable PooledJavac INSTANCE = create();

        private final Object pool;
        private final Method getTask;
        private final Object worker;
        private @Nullable List<Path> classpath;
        private @Nullable MemoryFileManager files;

        private PooledJavac(Object pool, Method getTask, Object worker) {
            this.pool = pool;
            this.getTask = getTask;
            this.worker = worker;
        }

        private static @Nullable PooledJavac create() {
            try {
                Class<?> poolClass = Class.forName("com.sun.tools.javac.api.JavacTaskPool");
                if (!poolClass.getModule().isExported("com.sun.tools.javac.api", InMemoryCompiler.class.getModule())) {
                    return null;
                }
                Class<?> workerClass = Class.forName("com.sun.tools.javac.api.JavacTaskPool$Worker");
                Object pool = poolClass.getConstructor(int.class).newInstance(MAX_IDLE_MANAGERS);
                Method getTask = poolClass.getMethod("getTask", Writer.class, JavaFileManager.class,
                        DiagnosticListener.class, Iterable.class, Iterable.class, Iterable.class, workerClass);
                Object worker = Proxy.newProxyInstance(InMemoryCompiler.class.getClassLoader(),
                        new Class<?>[] {workerClass}, (proxy, method, args) -> switch (method.getName()) {
                            case "withTask" -> ((JavacTask) args[0]).call();
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "JavacTaskPool.Worker";
                        });
                return new PooledJavac(pool, getTask, worker);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // Another JDK's internals: compile without the pool.
                return null;
            }
        }

        /**
         * Compiles in a pooled context, or answers empty when the pool serves another class path (the file manager
         * of its contexts is bound to the first one).
         */
        synchronized Optional<CompiledClasses> compile(JavaCompiler compiler, List<Path> classpath,
                                                       DiagnosticCollector<JavaFileObject> diagnostics,
                                                       List<? extends JavaFileObject> units) throws IOException {
            if (files == null) {
                StandardJavaFileManager standard = compiler.getStandardFileManager(null, Locale.ROOT,
                        StandardCharsets.UTF_8);
                MANAGERS_OPENED.incrementAndGet();
                standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
                this.classpath = List.copyOf(classpath);
                this.files = new MemoryFileManager(standard);
            } else if (!classpath.equals(this.classpath)) {
                return Optional.empty();
            }
            files.reset();
            boolean success = call(files, diagnostics, OPTIONS, units);
            CompiledClasses compiled = result(success, files, diagnostics);
            files.reset();
            return Optional.of(compiled);
        }

        private boolean call(JavaFileManager files, DiagnosticListener<JavaFileObject> diagnostics,
                             List<String> options, List<? extends JavaFileObject> units) {
            try {
                return Boolean.TRUE.equals(getTask.invoke(pool, null, files, diagnostics, options, null, units,
                        worker));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("the javac task pool became inaccessible", e);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** The compiler and class path a file manager was opened for. */
    private record ManagerKey(JavaCompiler compiler, List<Path> classpath) {
    }

    private static List<Finding> toFindings(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<Finding> findings = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
            Severity severity = switch (diagnostic.getKind()) {
                case ERROR -> Severity.ERROR;
                case WARNING, MANDATORY_WARNING -> Severity.WARNING;
                // Notes such as "recompile with -Xlint" say nothing about the capsule.
                case NOTE, OTHER -> null;
            };
            if (severity == null) {
                continue;
            }
            String file = diagnostic.getSource() instanceof SourceFile source ? source.capsulePath : null;
            int line = (int) Math.max(0, diagnostic.getLineNumber());
            int column = (int) Math.max(0, diagnostic.getColumnNumber());
            String rule = diagnostic.getCode() == null ? "compiler" : diagnostic.getCode();
            findings.add(new Finding(STAGE, severity, file, line, column, rule,
                    diagnostic.getMessage(Locale.ROOT)));
        }
        return findings;
    }

    /** A source file held in memory, named by its capsule path. */
    private static final class SourceFile extends SimpleJavaFileObject {
        private final String capsulePath;
        private final String content;

        SourceFile(CapsuleFile file) {
            super(URI.create("string:///" + file.path()), Kind.SOURCE);
            this.capsulePath = file.path();
            this.content = file.content();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return content;
        }
    }

    /** A class file kept in memory. */
    private static final class ClassFile extends SimpleJavaFileObject {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ClassFile(String binaryName) {
            super(URI.create("mem:///" + binaryName.replace('.', '/') + ".class"), Kind.CLASS);
        }

        @Override
        public OutputStream openOutputStream() {
            return bytes;
        }
    }

    /** Sends class output to memory and remembers which source each class came from. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ClassFile> classes = new LinkedHashMap<>();
        private final Map<String, String> classSources = new LinkedHashMap<>();

        MemoryFileManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) throws IOException {
            if (kind != JavaFileObject.Kind.CLASS) {
                return super.getJavaFileForOutput(location, className, kind, sibling);
            }
            ClassFile file = new ClassFile(className);
            classes.put(className, file);
            if (sibling instanceof SourceFile source) {
                classSources.put(className, source.capsulePath);
            }
            return file;
        }

        /** Forgets the previous compilation's output. */
        void reset() {
            classes.clear();
            classSources.clear();
        }

        Map<String, byte[]> classBytes() {
            Map<String, byte[]> result = new LinkedHashMap<>();
            classes.forEach((name, file) -> result.put(name, file.bytes.toByteArray()));
            return result;
        }
    }
}
