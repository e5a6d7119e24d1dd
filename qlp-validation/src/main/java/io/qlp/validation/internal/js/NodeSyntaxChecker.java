package io.qlp.validation.internal.js;

import io.qlp.validation.internal.ProcessTree;
import io.qlp.validation.internal.ProtocolLines;
import io.qlp.validation.internal.script.Resources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A long-lived Node.js process (the {@code syntax-checker.cjs} resource) that parses the scripts of capsule after
 * capsule without running them, so the syntax stage needs no Node start per file: a CommonJS file is compiled into a
 * function with CommonJS's wrapper parameters and an ES module into a {@code vm.SourceTextModule}, as
 * {@code node --check} does, and thrown away; nothing is required, imported or evaluated. A file that does not parse
 * is answered with Node's own located message (the {@code file:line}, source line and caret {@code node --check}
 * prints), which {@link NodeSyntaxStage} reads as it reads {@code node --check}'s output.
 *
 * <p>It runs in the sandbox's confinement ({@link ConfinedCommand}: no network, own PID namespace, resource limits,
 * a clean environment, and an unprivileged user of its own, reserved for its lifetime, when privileges are dropped),
 * in an empty folder; sources reach it through its standard input. An answer that does not come within the timeout,
 * or a process that ended, makes the checker {@link #finishCapsule() unfit} and the caller falls back to
 * {@code node --check}. Not thread-safe: a pool lends it to one validation at a time.
 *
 * <p>Example:
 * <pre>{@code
 * try (NodeSyntaxChecker checker = NodeSyntaxChecker.start(spec)) {
 *     NodeSyntaxChecker.Answer answer = checker.parse("/tmp/x/run/syntax-0.cjs", false, source, timeout);
 * }
 * }</pre>
 */
public final class NodeSyntaxChecker implements AutoCloseable {

    /** Sources larger than this (as UTF-8) are left to {@code node --check}: one protocol line carries a file. */
    static final int MAX_SOURCE_BYTES = 4 * 1024 * 1024;

    private static final String SCRIPT_NAME = "syntax-checker.cjs";
    private static final String SCRIPT = Resources.text(NodeSyntaxChecker.class, SCRIPT_NAME);
    private static final long MIB = 1024L * 1024;
    private static final int STDERR_KEPT = 16 * 1024;

    private final ConfinedNode node;
    private final int maxCapsules;
    private int capsules;
    private boolean broken;

    private NodeSyntaxChecker(ConfinedNode node, int maxCapsules) {
        this.node = node;
        this.maxCapsules = maxCapsules;
    }

    /**
     * Starts a checker in a new, empty folder and waits until it is ready.
     *
     * @throws IOException when it cannot start or is not ready within {@link NodeSyntaxCheckerSpec#startTimeout()}
     */
    public static NodeSyntaxChecker start(NodeSyntaxCheckerSpec spec) throws IOException, InterruptedException {
        return new NodeSyntaxChecker(ConfinedNode.start(new ConfinedNode.Launch("node-syntax-checker",
                Map.of(SCRIPT_NAME, SCRIPT), (scripts, nonce) -> command(spec, scripts.get(SCRIPT_NAME), nonce),
                spec.limits(), spec.confinement(), STDERR_KEPT, spec.startTimeout())), spec.maxCapsules());
    }

    private static List<String> command(NodeSyntaxCheckerSpec spec, Path script, String nonce) {
        return List.of(spec.node().executable().toString(),
                "--max-old-space-size=" + Math.max(32, spec.limits().memoryBytes() / MIB),
                // vm.SourceTextModule parses an ES module as `node --check` does; --expose-internals gives the
                // script Node's decorator that puts a module error's location into its stack.
                "--experimental-vm-modules", "--expose-internals", "--no-warnings",
                script.toString(), nonce);
    }

    /**
     * Parses {@code source} as an ES module ({@code module}) or as CommonJS, under {@code name} (the path the
     * location line of an error starts with). {@link Verdict#UNDECIDED} when the checker cannot say what
     * {@code node --check} would: no answer within {@code timeout} (the process is then killed), a process that
     * ended, a source too large or not encodable, or an error it cannot locate.
     */
    public Answer parse(String name, boolean module, String source, Duration timeout) throws InterruptedException {
        if (broken) {
            return Answer.undecided("the checker stopped serving");
        }
        Optional<byte[]> bytes = utf8(source);
        if (bytes.isEmpty()) {
            return Answer.undecided("the source is larger than " + MAX_SOURCE_BYTES + " bytes or not valid text");
        }
        String nonce = ProtocolLines.newNonce();
        node.lines().expect(nonce + " ");
        try {
            node.send("PARSE " + nonce + " " + (module ? "esm" : "cjs") + " " + ProtocolLines.encodeField(name) + " "
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.get()));
            Optional<String> line = node.lines().next(System.nanoTime() + timeout.toNanos());
            if (line.isEmpty()) {
                return stopServing("no answer within " + timeout);
            }
            return read(line.get());
        } catch (IOException | IllegalArgumentException e) {
            return stopServing("the checker failed: " + e.getMessage());
        }
    }

    private static Answer read(String line) {
        String[] fields = line.split(" ");
        String verdict = fields.length > 1 ? fields[1] : "";
        if (verdict.equals("OK") && fields.length == 2) {
            return new Answer(Verdict.PARSES, "");
        }
        if (fields.length != 3) {
            throw new IllegalArgumentException("unexpected answer " + verdict);
        }
        String text = ProtocolLines.decodeField(fields[2]);
        return switch (verdict) {
            case "ERROR" -> new Answer(Verdict.DOES_NOT_PARSE, text);
            case "UNDECIDED" -> new Answer(Verdict.UNDECIDED, text);
            default -> throw new IllegalArgumentException("unexpected answer " + verdict);
        };
    }

    private static Optional<byte[]> utf8(String source) {
        if (source.length() > MAX_SOURCE_BYTES) {
            return Optional.empty();
        }
        try {
            // Reported, not replaced: a file that cannot be written as UTF-8 is node --check's case to refuse.
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(source));
            if (encoded.remaining() > MAX_SOURCE_BYTES) {
                return Optional.empty();
            }
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private Answer stopServing(String why) {
        broken = true;
        ProcessTree.kill(node.process());
        return Answer.undecided(why);
    }

    /**
     * Counts a capsule as served; true when the checker may serve another one (it answered every request, is alive
     * and has served fewer than {@link NodeSyntaxCheckerSpec#maxCapsules()}), false when it is to be replaced.
     */
    public boolean finishCapsule() {
        capsules++;
        return !broken && node.process().isAlive() && capsules < maxCapsules;
    }

    /** The user id the checker runs as, when the confinement switched users. */
    public OptionalInt uid() {
        return node.confined().uid();
    }

    /** Whether the checker runs without network. */
    public boolean networkIsolated() {
        return node.confined().networkIsolated();
    }

    /** The outermost process of the checker (the confinement's first program). */
    public ProcessHandle process() {
        return node.process().toHandle();
    }

    /** Kills the process and removes its folder. */
    @Override
    public void close() {
        node.close();
    }

    /**
     * What the checker said about one source.
     *
     * <p>Example: {@code if (answer.verdict() == NodeSyntaxChecker.Verdict.DOES_NOT_PARSE) read(answer.text());}
     *
     * @param verdict whether the source parses, does not, or the checker cannot tell
     * @param text for {@link Verdict#DOES_NOT_PARSE}, the located message and stack as {@code node --check} prints
     *     them; for {@link Verdict#UNDECIDED}, why
     */
    public record Answer(Verdict verdict, String text) {

        static Answer undecided(String why) {
            return new Answer(Verdict.UNDECIDED, why);
        }
    }

    /** The checker's verdict on one source. */
    public enum Verdict {
        /** It parses. */
        PARSES,
        /** It does not parse; the answer's text locates the error. */
        DOES_NOT_PARSE,
        /** The checker cannot say what {@code node --check} would; ask it. */
        UNDECIDED
    }
}
