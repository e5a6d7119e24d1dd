package io.qlp.validation.internal.tools;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Severity;
import io.qlp.validation.internal.CompiledClasses;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The binary protocol between the host and a tools JVM, over the tools JVM's stdin and stdout.
 * <pre>
 * tools JVM, once warm:  long READY
 * host, per request:     long id, boolean analyse, int m, m × string dependency jar,
 *                        int n, n × (string path, string content)
 * tools JVM, first:      long id, byte CHECKED, long syntaxMillis, findings,
 *                        boolean compiled [, long compileMillis, findings, classes, class sources]
 * tools JVM, then, when analyse was asked and the sources compiled:
 *                        long id, byte ANALYSED, long millis, findings
 * or, instead of either: long id, byte FAILED, string reason
 * </pre>
 * Strings are an int length and UTF-8 bytes; findings an int count and, each, stage, severity, file (boolean present
 * and string), line, column, rule and message.
 *
 * <p>Example: {@code ToolsProtocol.writeFindings(out, findings); List<Finding> back = ToolsProtocol.readFindings(in);}
 */
public final class ToolsProtocol {

    /** The value the tools JVM writes once it is warm. */
    public static final long READY = 0x514c_5054_4f4f_4c53L;
    /** Kind of the answer with the syntax and compile stages. */
    public static final byte CHECKED = 1;
    /** Kind of the answer with the static stage. */
    public static final byte ANALYSED = 2;
    /** Kind of an answer saying the tools failed on the request. */
    public static final byte FAILED = 3;

    private static final int MAX_STRING_BYTES = 64 * 1024 * 1024;
    private static final int MAX_DEPENDENCIES = 100_000;

    private ToolsProtocol() {
    }

    /** Writes a request; {@code dependencies} are jars the sources compile against besides JUnit. */
    public static void writeRequest(DataOutputStream out, long id, boolean analyse, List<Path> dependencies,
                                    List<CapsuleFile> sources) throws IOException {
        out.writeLong(id);
        out.writeBoolean(analyse);
        out.writeInt(dependencies.size());
        for (Path jar : dependencies) {
            writeString(out, jar.toString());
        }
        out.writeInt(sources.size());
        for (CapsuleFile source : sources) {
            writeString(out, source.path());
            writeString(out, source.content());
        }
        out.flush();
    }

    /** Reads the dependency jars of a request whose id and flag were read. */
    public static List<Path> readDependencies(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_DEPENDENCIES) {
            throw new IOException("bad dependency count in the tools protocol: " + count);
        }
        List<Path> jars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jars.add(Path.of(readString(in)));
        }
        return jars;
    }

    /** Reads the sources of a request whose id, flag and dependencies were read. */
    public static List<CapsuleFile> readSources(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<CapsuleFile> sources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sources.add(CapsuleFile.of(readString(in), readString(in)));
        }
        return sources;
    }

    /** Writes findings. */
    public static void writeFindings(DataOutputStream out, List<Finding> findings) throws IOException {
        out.writeInt(findings.size());
        for (Finding finding : findings) {
            writeString(out, finding.stage());
            out.writeByte(finding.severity().ordinal());
            writeNullable(out, finding.file());
            out.writeInt(finding.line());
            out.writeInt(finding.column());
            writeString(out, finding.rule());
            writeString(out, finding.message());
        }
    }

    /** Reads what {@link #writeFindings} wrote. */
    public static List<Finding> readFindings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Finding> findings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String stage = readString(in);
            Severity severity = Severity.values()[in.readByte()];
            String file = readNullable(in);
            int line = in.readInt();
            int column = in.readInt();
            findings.add(new Finding(stage, severity, file, line, column, readString(in), readString(in)));
        }
        return findings;
    }

    /** Writes the class files, their sources and the compiler's findings. */
    public static void writeCompiled(DataOutputStream out, CompiledClasses compiled) throws IOException {
        writeFindings(out, compiled.findings());
        out.writeInt(compiled.classes().size());
        for (Map.Entry<String, byte[]> entry : compiled.classes().entrySet()) {
            writeString(out, entry.getKey());
            out.writeInt(entry.getValue().length);
            out.write(entry.getValue());
        }
        out.writeInt(compiled.sources().size());
        for (Map.Entry<String, String> entry : compiled.sources().entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    /** Reads what {@link #writeCompiled} wrote. */
    public static CompiledClasses readCompiled(DataInputStream in) throws IOException {
        List<Finding> findings = readFindings(in);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        int classCount = in.readInt();
        for (int i = 0; i < classCount; i++) {
            String name = readString(in);
            classes.put(name, in.readNBytes(length(in)));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        int sourceCount = in.readInt();
        for (int i = 0; i < sourceCount; i++) {
            sources.put(readString(in), readString(in));
        }
        return new CompiledClasses(classes, sources, findings);
    }

    /** Writes a string as its UTF-8 length and bytes (no 64 KiB limit, unlike {@code writeUTF}). */
    public static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeString} wrote. */
    public static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(length(in)), StandardCharsets.UTF_8);
    }

    private static int length(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new IOException("bad length in the tools protocol: " + length);
        }
        return length;
    }

    private static void writeNullable(DataOutputStream out, @Nullable String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            writeString(out, text);
        }
    }

    private static @Nullable String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
