package io.qlp.validation.internal.tools;

import io.qlp.api.CapsuleFile;
import io.qlp.api.StageResult;
import io.qlp.validation.internal.JavaToolStages;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The main class of a tools JVM: answers the host's requests ({@link ToolsProtocol}) with the syntax, compile and
 * static stages of {@link JavaToolStages}, one request at a time, until stdin ends; PMD runs on a second thread
 * beside the parser and the compiler. It never runs capsule code:
 * javac runs with {@code -proc:none}. Before its {@link ToolsProtocol#READY} it runs the stages on a small capsule,
 * so the first real capsule finds JavaParser, javac and PMD loaded. Anything the tools print goes to stderr.
 *
 * <p>Example: {@code java --add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED -cp ... ToolsServer}
 */
public final class ToolsServer {

    private static final List<CapsuleFile> WARM_UP = List.of(
            CapsuleFile.of("src/main/java/warm/Solution.java", """
                    package warm;

                    import java.util.*;

                    public class Solution {
                        public List<Integer> evens(List<Integer> values) {
                            List<Integer> result = new ArrayList<>();
                            for (int value : values) {
                                if (value % 2 == 0 && !Objects.equals(value, null)) {
                                    result.add(value);
                                }
                            }
                            return result;
                        }
                    }
                    """),
            CapsuleFile.of("src/test/java/warm/SolutionTest.java", """
                    package warm;

                    import static org.junit.jupiter.api.Assertions.assertEquals;

                    import java.util.List;
                    import org.junit.jupiter.api.Test;

                    class SolutionTest {
                        @Test
                        void keeps_evens() {
                            assertEquals(List.of(2), new Solution().evens(List.of(1, 2, 3)));
                        }
                    }
                    """));

    private static final int WARM_UP_ROUNDS = 3;

    private ToolsServer() {
    }

    /**
     * Runs the server on stdin and stdout.
     *
     * @param args none
     */
    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new FileOutputStream(FileDescriptor.out), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(
                new FileInputStream(FileDescriptor.in), 1 << 16));
        // The protocol owns stdout; whatever a tool prints goes to stderr.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        ExecutorService analyser = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "qlp-tools-static");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            CompletableFuture<StageResult> analysis = JavaToolStages.analyseAsync(WARM_UP, List.of(), analyser);
            JavaToolStages.syntaxAndCompile(WARM_UP, List.of());
            analysis.join();
        }
        out.writeLong(ToolsProtocol.READY);
        out.flush();
        while (true) {
            long id;
            try {
                id = in.readLong();
            } catch (EOFException e) {
                return;
            }
            boolean analyse = in.readBoolean();
            List<Path> dependencies = ToolsProtocol.readDependencies(in);
            List<CapsuleFile> sources = ToolsProtocol.readSources(in);
            answer(out, id, analyse, dependencies, sources, analyser);
        }
    }

    private static void answer(DataOutputStream out, long id, boolean analyse, List<Path> dependencies,
                               List<CapsuleFile> sources, ExecutorService analyser) throws IOException {
        // PMD needs only the sources: it runs beside the parser and compiler, and is dropped if they fail.
        CompletableFuture<StageResult> analysis = analyse
                ? JavaToolStages.analyseAsync(sources, dependencies, analyser) : null;
        JavaToolStages.Checked checked;
        try {
            checked = JavaToolStages.syntaxAndCompile(sources, dependencies);
        } catch (RuntimeException e) {
            awaitQuietly(analysis);
            failed(out, id, e);
            return;
        }
        out.writeLong(id);
        out.writeByte(ToolsProtocol.CHECKED);
        out.writeLong(checked.syntax().millis());
        ToolsProtocol.writeFindings(out, checked.syntax().findings());
        out.writeBoolean(checked.compiled() != null && checked.compile() != null);
        if (checked.compiled() != null && checked.compile() != null) {
            out.writeLong(checked.compile().millis());
            ToolsProtocol.writeCompiled(out, checked.compiled());
        }
        out.flush();
        if (analysis == null) {
            return;
        }
        if (!checked.compiledCleanly()) {
            // Not asked for any more; wait so the next request does not share the CPU with it.
            awaitQuietly(analysis);
            return;
        }
        StageResult result;
        try {
            result = analysis.join();
        } catch (CompletionException | CancellationException e) {
            failed(out, id, e.getCause() instanceof RuntimeException cause ? cause : e);
            return;
        }
        out.writeLong(id);
        out.writeByte(ToolsProtocol.ANALYSED);
        out.writeLong(result.millis());
        ToolsProtocol.writeFindings(out, result.findings());
        out.flush();
    }

    private static void awaitQuietly(@Nullable CompletableFuture<StageResult> analysis) {
        if (analysis == null) {
            return;
        }
        try {
            analysis.join();
        } catch (CompletionException | CancellationException e) {
            // Its result is not wanted.
        }
    }

    private static void failed(DataOutputStream out, long id, RuntimeException e) throws IOException {
        out.writeLong(id);
        out.writeByte(ToolsProtocol.FAILED);
        ToolsProtocol.writeString(out, e.getClass().getName() + ": " + e.getMessage());
        out.flush();
    }
}
