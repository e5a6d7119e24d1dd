package io.qlp.validation.internal.js;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Finding;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.api.spi.Sandbox;
import io.qlp.api.spi.SandboxRequest;
import io.qlp.api.spi.SandboxResult;
import io.qlp.validation.internal.script.Durations;
import io.qlp.validation.internal.script.Excerpts;
import io.qlp.validation.internal.script.ScratchFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks the syntax of every JavaScript file as {@code node --check} does, as the module kind Node would load it
 * as: {@code .mjs} as an ES module, {@code .cjs} as CommonJS, and {@code .js} by the {@code "type"} of the nearest
 * {@code package.json}, or, without one, as CommonJS first and as an ES module when CommonJS fails on module syntax
 * ({@code import}, {@code export}, top-level {@code await}), which is how Node 20+ detects it. Each file is parsed by a {@link NodeSyntaxChecker} when one is given, without a process per file;
 * otherwise, or when the checker cannot decide, by {@code node --check} in the sandbox, one process per file, on a
 * copy with the explicit extension, because {@code node --check} on an ambiguous {@code .js} file with module syntax
 * exits with 0 even when the file has a syntax error. Both are read the same way: the location line that names the
 * checked copy, the caret under the source line, and the error's message.
 *
 * <p>Example: {@code List<Finding> findings = stage.check(scratch, target.files());}
 *
 * @param sandbox where node runs
 * @param node the Node.js runtime
 * @param timeout wall-clock limit per file
 * @param limits resource limits
 * @param checker the checker lent to this validation, or null to run {@code node --check} for every file
 */
public record NodeSyntaxStage(Sandbox sandbox, NodeRuntime node, Duration timeout, ResourceLimits limits,
                              @Nullable NodeSyntaxChecker checker) {

    /** A stage that runs {@code node --check} for every file. */
    public NodeSyntaxStage(Sandbox sandbox, NodeRuntime node, Duration timeout, ResourceLimits limits) {
        this(sandbox, node, timeout, limits, null);
    }

    /** The stage name of the findings. */
    public static final String STAGE = "syntax";

    private static final Pattern LOCATION = Pattern.compile("^(.*):(\\d{1,9})$");
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^([A-Za-z]*Error)(?: \\[\\w+\\])?: (.*)$");
    private static final List<String> MODULE_SYNTAX_ERRORS = List.of("import statement outside a module",
            "Unexpected token 'export'", "'import.meta' outside a module", "await is only valid",
            "Unexpected reserved word");

    /** The JavaScript files among {@code files}, checked; one finding per file that does not parse. */
    public List<Finding> check(ScratchFolder scratch, List<CapsuleFile> files) {
        List<CapsuleFile> scripts = files.stream().filter(f -> isScript(f.path())).toList();
        if (scripts.isEmpty()) {
            return List.of(Finding.error(STAGE, null, 0, 0, "js.no-sources",
                    "no JavaScript source files: expected .js, .mjs or .cjs modules and *.test.js files"));
        }
        PackageTypes packageTypes = PackageTypes.of(files);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            CapsuleFile script = scripts.get(i);
            checkOne(scratch, script, i, packageTypes.typeOf(script.path())).ifPresent(findings::add);
        }
        return findings;
    }

    /** Whether Node loads {@code path} as JavaScript. */
    public static boolean isScript(String path) {
        return path.endsWith(".js") || path.endsWith(".mjs") || path.endsWith(".cjs");
    }

    private Optional<Finding> checkOne(ScratchFolder scratch, CapsuleFile script, int index, PackageTypes.Type type) {
        String path = script.path();
        if (path.endsWith(".mjs") || (path.endsWith(".js") && type == PackageTypes.Type.MODULE)) {
            return checkAs(scratch, script, index, ".mjs");
        }
        Optional<Finding> asCommonJs = checkAs(scratch, script, index, ".cjs");
        if (asCommonJs.isEmpty() || !path.endsWith(".js") || type == PackageTypes.Type.COMMONJS
                || MODULE_SYNTAX_ERRORS.stream().noneMatch(asCommonJs.get().message()::contains)) {
            return asCommonJs;
        }
        return checkAs(scratch, script, index, ".mjs");
    }

    private Optional<Finding> checkAs(ScratchFolder scratch, CapsuleFile script, int index, String extension) {
        Path copy = scratch.runFile("syntax-" + index + extension);
        NodeSyntaxChecker lent = checker;
        if (lent != null) {
            NodeSyntaxChecker.Answer answer = parse(lent, copy, extension.equals(".mjs"), script.content());
            switch (answer.verdict()) {
                case PARSES -> {
                    return Optional.empty();
                }
                case DOES_NOT_PARSE -> {
                    return Optional.of(toFinding(script.path(), copy.toString(), answer.text(), 1));
                }
                case UNDECIDED -> {
                    // node --check below says what the checker could not.
                }
            }
        }
        try {
            Files.writeString(copy, script.content(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "could not prepare the syntax check: "
                    + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), e);
        }
        SandboxResult result = sandbox.run(new SandboxRequest(
                List.of(node.executable().toString(), "--check", copy.toString()), scratch.capsule(), timeout, limits,
                Map.of("NO_COLOR", "1")));
        if (result.timedOut()) {
            return Optional.of(Finding.error(STAGE, script.path(), 0, 0, "js.syntax-timeout",
                    "the syntax check did not finish within " + Durations.seconds(timeout)));
        }
        if (result.exitCode() == 0) {
            return Optional.empty();
        }
        return Optional.of(toFinding(script.path(), copy.toString(), result.stderr(), result.exitCode()));
    }

    private NodeSyntaxChecker.Answer parse(NodeSyntaxChecker lent, Path copy, boolean module, String source) {
        try {
            return lent.parse(copy.toString(), module, source, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "interrupted while the syntax was"
                    + " checked", ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), e);
        }
    }

    /**
     * The finding of a file that does not parse, from what {@code node --check} printed on {@code checked} (the path
     * it was given) or what a {@link NodeSyntaxChecker} answered: the line of the location line that names the
     * checked file (Node may print a warning before it; a sandbox of another kind may see the file under another
     * folder), the column of the caret under the source line after it, and the first {@code ...Error: message} line.
     */
    static Finding toFinding(String path, String checked, String output, int exitCode) {
        String fileName = checked.substring(checked.lastIndexOf('/') + 1);
        String[] lines = output.split("\n");
        int line = 0;
        int column = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher location = LOCATION.matcher(lines[i].strip());
            if (location.matches() && (location.group(1).equals(fileName)
                    || location.group(1).endsWith("/" + fileName))) {
                line = Integer.parseInt(location.group(2));
                column = caretColumn(lines, i);
                break;
            }
        }
        Matcher error = ERROR_LINE.matcher(output);
        String message = error.find() ? error.group(1) + ": " + error.group(2).strip()
                : "node --check exited with code " + exitCode + Excerpts.stderrSuffix(output, 1000);
        return Finding.error(STAGE, path, line, column, "js.syntax", message);
    }

    /**
     * The 1-based column of the first {@code ^} of the caret line Node prints under the offending source line, which
     * follows the location line at {@code location}.
     */
    private static int caretColumn(String[] lines, int location) {
        for (int i = location + 2; i < Math.min(lines.length, location + 4); i++) {
            String candidate = lines[i];
            if (!candidate.isBlank() && candidate.strip().chars().allMatch(c -> c == '^')) {
                return candidate.indexOf('^') + 1;
            }
        }
        return 0;
    }
}
