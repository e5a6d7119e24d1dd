package io.qlp.validation.internal;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Compiles capsule sources with {@code javax.tools}, reading sources from memory and keeping class files in
 * memory, so nothing is written to disk.
 *
 * <p>Example: {@code CompiledClasses compiled = InMemoryCompiler.compile(compiler, sources, List.of(junitJar));}
 */
public final class InMemoryCompiler {

    /** The stage name of the findings. */
    public static final String STAGE = "compile";

    private static final List<String> OPTIONS = List.of("--release", "17", "-proc:none", "-g", "-encoding", "UTF-8");

    private static final int MAX_IDLE_MANAGERS = 8;
    private static final Map<ManagerKey, Queue<StandardJavaFileManager>> IDLE_MANAGERS = new ConcurrentHashMap<>();

    private InMemoryCompiler() {
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
        ManagerKey key = new ManagerKey(compiler, List.copyOf(classpath));
        Queue<StandardJavaFileManager> idle = IDLE_MANAGERS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        StandardJavaFileManager standard = idle.poll();
        if (standard == null) {
            standard = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
        }
        boolean reusable = false;
        try {
            MemoryFileManager files = new MemoryFileManager(standard);
            boolean success = compiler.getTask(null, files, diagnostics, OPTIONS, null, units).call();
            List<Finding> findings = toFindings(diagnostics.getDiagnostics());
            if (!success && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR)) {
                findings.add(Finding.error(STAGE, null, 0, 0, "compiler.failed",
                        "the compiler failed without reporting an error"));
            }
            reusable = true;
            return new CompiledClasses(files.classBytes(), files.classSources, findings);
        } finally {
            if (reusable && idle.size() < MAX_IDLE_MANAGERS) {
                idle.add(standard);
            } else {
                standard.close();
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

        Map<String, byte[]> classBytes() {
            Map<String, byte[]> result = new LinkedHashMap<>();
            classes.forEach((name, file) -> result.put(name, file.bytes.toByteArray()));
            return result;
        }
    }
}
