package io.qlp.validation.internal.security;

import io.qlp.api.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * File-writing calls whose path is a literal outside the capsule: absolute ({@code /etc/x}, {@code C:\x},
 * {@code ~/x}) or climbing out with a {@code ..} segment. Java's writers, streams and {@code Files.write*}, Python's
 * {@code open(..., "w")}, {@code pathlib} writes, {@code shutil} and {@code os} file operations, and Node's
 * {@code fs} writes.
 *
 * <p>Example: {@code OutsideWriteRules.scan(source, collector);}
 */
public final class OutsideWriteRules {

    private static final Pattern JAVA_WRITES = Pattern.compile("\\bnew\\s+(?:FileWriter|FileOutputStream|PrintWriter"
            + "|PrintStream|RandomAccessFile|BufferedWriter|OutputStreamWriter|FileHandler)\\s*\\("
            + "|\\bFiles\\s*\\.\\s*(?:write|writeString|newBufferedWriter|newOutputStream|createFile|createDirectory"
            + "|createDirectories|copy|move|delete|deleteIfExists|createSymbolicLink|createLink|setPosixFilePermissions)"
            + "\\s*\\(");
    private static final Pattern PYTHON_OPEN = Pattern.compile("(?<![\\w.])(?:io\\s*\\.\\s*)?open\\s*\\(");
    private static final Pattern PYTHON_FILE_OPERATIONS = Pattern.compile("\\b(?:shutil\\s*\\.\\s*(?:copy|copy2"
            + "|copyfile|copytree|move|rmtree)|os\\s*\\.\\s*(?:remove|unlink|rename|replace|makedirs|mkdir|rmdir"
            + "|removedirs|symlink|link|truncate|chmod|chown))\\s*\\(");
    private static final Pattern PYTHON_PATH = Pattern.compile("\\b(?:pathlib\\s*\\.\\s*)?Path\\s*\\(");
    private static final Pattern PYTHON_PATH_WRITE = Pattern.compile(
            "^[^\\n]*?\\.\\s*(?:write_text|write_bytes|touch|mkdir|unlink|rmdir|rename|replace|symlink_to|open)\\s*\\(");
    private static final Pattern WRITE_MODE = Pattern.compile("[rbtU]*[wax+][rwxabtU+]*");
    private static final Pattern JAVASCRIPT_WRITES = Pattern.compile("(?:\\b(?:fs|fsp|fse|promises)\\s*\\.\\s*|(?<![\\w.$]))"
            + "(?:writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|mkdir|mkdirSync|rm|rmSync|rmdir"
            + "|rmdirSync|unlink|unlinkSync|rename|renameSync|copyFile|copyFileSync|cp|cpSync|symlink|symlinkSync"
            + "|truncate|truncateSync|chmod|chmodSync|outputFile|outputFileSync)\\s*\\(");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:[\\\\/].*|^\\\\\\\\.*");
    private static final Pattern PARENT_SEGMENT = Pattern.compile("(?:^|[/\\\\])\\.\\.(?:[/\\\\]|$)");

    private OutsideWriteRules() {
    }

    /** Adds the writes outside the capsule in {@code source} to {@code collector}. */
    public static void scan(LexedSource source, FindingCollector collector) {
        switch (source.dialect()) {
            case JAVA -> anyLiteral(source, collector, JAVA_WRITES);
            case PYTHON -> python(source, collector);
            case JAVASCRIPT -> anyLiteral(source, collector, JAVASCRIPT_WRITES);
            case TEXT -> { }
        }
    }

    private static void anyLiteral(LexedSource source, FindingCollector collector, Pattern writes) {
        for (CallSites.Call call : CallSites.find(source, writes)) {
            for (StringLiteral literal : source.literalsIn(call.argumentsStart(), call.argumentsEnd())) {
                report(literal, call, collector);
            }
        }
    }

    private static void python(LexedSource source, FindingCollector collector) {
        anyLiteral(source, collector, PYTHON_FILE_OPERATIONS);
        for (CallSites.Call call : CallSites.find(source, PYTHON_OPEN)) {
            List<StringLiteral> literals = source.literalsIn(call.argumentsStart(), call.argumentsEnd());
            Optional<StringLiteral> path = source.literalAt(call.argumentsStart());
            boolean writes = literals.stream().filter(l -> path.isEmpty() || l != path.get())
                    .anyMatch(l -> WRITE_MODE.matcher(l.value()).matches());
            if (writes && path.isPresent()) {
                report(path.get(), call, collector);
            }
        }
        for (CallSites.Call call : CallSites.find(source, PYTHON_PATH)) {
            Optional<StringLiteral> path = source.literalAt(call.argumentsStart());
            if (path.isPresent() && PYTHON_PATH_WRITE.matcher(source.code().substring(call.end())).find()) {
                report(path.get(), call, collector);
            }
        }
    }

    private static void report(StringLiteral literal, CallSites.Call call, FindingCollector collector) {
        String value = literal.value();
        String why;
        if (value.startsWith("/") || value.startsWith("~/") || value.startsWith("~\\") || value.equals("~")
                || WINDOWS_ABSOLUTE.matcher(value).matches()) {
            why = "is absolute";
        } else if (PARENT_SEGMENT.matcher(value).find()) {
            why = "climbs out with '..'";
        } else {
            return;
        }
        collector.add(Severity.ERROR, "fs.write-outside-capsule", literal.start(), "writes outside the capsule: the"
                + " path '" + value + "' of " + call.matched().replaceAll("[\\s(]", "") + "() " + why + "; write"
                + " relative to the capsule or into a temporary folder the runtime provides");
    }
}
