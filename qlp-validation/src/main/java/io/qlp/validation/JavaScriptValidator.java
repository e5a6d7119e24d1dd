package io.qlp.validation;

import io.qlp.api.CapsuleFile;
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
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.js.NodeRuntime;
import io.qlp.validation.internal.js.NodeSyntaxChecker;
import io.qlp.validation.internal.js.NodeSyntaxCheckerSpec;
import io.qlp.validation.internal.js.NodeSyntaxStage;
import io.qlp.validation.internal.js.NodeTestFiles;
import io.qlp.validation.internal.js.NodeTestStage;
import io.qlp.validation.internal.js.NodeWarmProcess;
import io.qlp.validation.internal.js.NodeWarmSpec;
import io.qlp.validation.internal.js.PackageTypes;
import io.qlp.validation.internal.script.Durations;
import io.qlp.validation.internal.script.ScratchFolder;
import io.qlp.validation.internal.script.WarmProcessPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Validates JavaScript capsules (CommonJS or ES modules plus test files for Node's built-in {@code node:test}
 * runner) in two stages, stopping at the first that fails:
 * <ol>
 *   <li>{@code syntax}: every {@code .js}, {@code .mjs} and {@code .cjs} file parsed as {@code node --check} parses
 *       it, as the module kind Node would load it as (a {@code .js} file with {@code import}/{@code export} is
 *       checked as an ES module), with file, line and column of each error. A long-lived Node process per host (a
 *       {@code NodeSyntaxChecker}, with the local sandbox's confinement and a user of its own) parses the files
 *       without running them and answers with Node's own located messages; one sandboxed {@code node --check} per
 *       file does it when the checker cannot start or decide, with another sandbox, or with
 *       {@code syntaxChecker(false)};</li>
 *   <li>{@code test}: {@code node --test} with its JUnit reporter on the files Node's runner picks by default
 *       ({@code *.test.js}, {@code *_test.js}, {@code test/**}, ...), in a {@link Sandbox}, judged by the report
 *       only: the run passes when the report exists, at least one test ran, none failed and node exited with 0.
 *       A test calling {@code process.exit(0)} fails with a clear message; so do a folder without tests and a run
 *       that hits the timeout.</li>
 * </ol>
 * With {@code warmPool(true)} a capsule with a single test file runs in a Node process started ahead of time, for that capsule only,
 * with the {@link LocalProcessSandbox}'s confinement: it checks the syntax in-process without running anything (when a
 * file does not parse, {@code node --check} gives the located findings) and runs the test file as its main module,
 * as the child process of {@code node --test} does, with the same JUnit report, {@code process.exit} guard and
 * judgement. Capsules with several test files and other sandboxes take the path above, as does every capsule by
 * default: on a 2-core machine the HumanEval-X bench measured the warm path slower (536 ms per solution against
 * 387 ms), because starting the next process ahead competes with the capsule being validated.
 * Security checks are a separate validator, {@link SecurityValidator}, which runs for every language. The runtime,
 * unless configured, is the first {@code node} on the host's {@code PATH} (then in the system folders) that the
 * sandbox's user can run, else the first that runs; it must be version 20 or newer.
 *
 * <p><b>Who runs what.</b> The default sandbox drops privileges: when QLP runs as root and can switch users
 * ({@code setpriv}), every {@code node --check}, the {@code node --test} run with everything the capsule starts, and a
 * warm process run as an unprivileged user id of their own (one per capsule), with no supplementary groups and
 * {@code no_new_privs}; so does each syntax checker, as a user it keeps while it lives, without network (a checker
 * is replaced when it crashes, when it does not answer within the syntax timeout and after 500 capsules). That keeps
 * root's files (such as {@code ~/.ssh}) unreadable and the host's folders unwritable, and makes the process-count
 * limit apply, which Linux does not apply to root. The capsule's scratch
 * folder is handed to that user. When that user cannot run {@code node} (one installed under root's home, by nvm for
 * example), capsule code runs as the host's user instead: that is logged once and every report carries a
 * {@code sandbox.host-user} warning finding, as it does when QLP runs as root on a machine that cannot switch users.
 * When QLP does not run as root, capsule code runs as QLP's own user. Instances are thread-safe;
 * {@link #close()} stops a pool of the validator's own.
 *
 * <p>Example:
 * <pre>{@code
 * Validator validator = JavaScriptValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
 * ValidationReport report = validator.validate(new ValidationTarget(files, Language.JAVASCRIPT));
 * report.errors().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 */
public final class JavaScriptValidator implements Validator, AutoCloseable {

    /** The name this validator and its factory are known by. */
    public static final String NAME = "javascript";

    /** Wall-clock limit of a test run unless configured. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(60);

    /** Wall-clock limit of the syntax check of one file. */
    private static final Duration SYNTAX_TIMEOUT = Duration.ofSeconds(20);

    /** How long a warm process may take to load the test runner. */
    private static final Duration WARM_START_TIMEOUT = Duration.ofSeconds(60);

    /** How many capsules a syntax checker serves before it is replaced, which bounds what it accumulates. */
    private static final int CHECKER_CAPSULES = 500;

    /** What to do about a node the sandbox's user cannot run. */
    private static final String HOST_USER_REMEDY = "; install Node.js where every user can run it (Debian's nodejs,"
            + " for example) or configure one";

    private final Sandbox sandbox;
    private final Duration testTimeout;
    private final ResourceLimits limits;
    private final @Nullable Path nodeExecutable;
    private final boolean warm;
    private final @Nullable Integer poolSize;
    private final boolean syntaxChecker;
    /** The pool of warm processes, made on first use because it needs the runtime, which is probed lazily. */
    private @Nullable WarmPoolHandle<NodeWarmProcess> pool;
    /** The host's syntax checkers, shared by validators with equal settings; made on first use, as the pool. */
    private @Nullable WarmPoolHandle<NodeSyntaxChecker> checkers;
    private boolean closed;

    private JavaScriptValidator(Builder builder) {
        this.sandbox = builder.sandbox != null ? builder.sandbox
                : LocalProcessSandbox.builder().dropPrivileges(true).build();
        this.testTimeout = builder.testTimeout != null ? builder.testTimeout : DEFAULT_TEST_TIMEOUT;
        this.limits = builder.limits != null ? builder.limits : ResourceLimits.defaults();
        this.nodeExecutable = builder.nodeExecutable;
        // Off unless asked for: on two cores, starting the next Node process ahead competes with the capsule
        // being validated, and the HumanEval-X bench measured the warm path slower than the one-shot one.
        this.warm = builder.warmPool != null && builder.warmPool;
        this.poolSize = builder.poolSize;
        this.syntaxChecker = builder.syntaxChecker == null || builder.syntaxChecker;
    }

    /** Warm processes kept ready unless configured: two, or one on a single core. */
    public static int defaultPoolSize() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** A validator with the defaults: see {@link Builder}. */
    public static JavaScriptValidator create() {
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
        return language == Language.JAVASCRIPT;
    }

    /**
     * Runs the stages.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when the target is not JavaScript
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when no Node.js 20+ is found or
     *     the sandbox cannot start it
     */
    @Override
    public ValidationReport validate(ValidationTarget target) {
        if (!supports(target.language())) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "the javascript validator cannot validate "
                    + target.language() + " code", Map.of("language", target.language().id()));
        }
        NodeRuntime node = runtime();
        InterpreterSandbox runs = InterpreterSandbox.choose(sandbox, node.executable(), node.usableBySandboxUser(),
                HOST_USER_REMEDY);
        List<String> testFiles = NodeTestFiles.select(target.files().stream().map(CapsuleFile::path).toList());
        boolean hasScripts = target.files().stream().anyMatch(f -> NodeSyntaxStage.isScript(f.path()));
        // Node's runner gives every test file a process of its own; the warm process runs one, so it takes only
        // capsules with a single test file.
        Optional<WarmPoolHandle<NodeWarmProcess>> processes = testFiles.size() == 1 && hasScripts
                ? warmProcesses(node, runs) : Optional.empty();
        Optional<NodeWarmProcess> process = processes.flatMap(WarmPoolHandle::borrow);
        if (process.isPresent()) {
            try {
                return validateWarm(process.get(), node, runs, target, testFiles.get(0));
            } finally {
                processes.get().giveBack(process.get(), false);
            }
        }
        return validateOneShot(target, node, runs, testFiles);
    }

    private ValidationReport validateOneShot(ValidationTarget target, NodeRuntime node, InterpreterSandbox runs,
                                             List<String> testFiles) {
        List<StageResult> stages = new ArrayList<>();
        try (ScratchFolder scratch = ScratchFolder.create("qlp-javascript-", target.files())) {
            // One user for every run, handed the whole scratch folder: the checked copies and the report live
            // beside the capsule.
            Sandbox scratchSandbox = runs.forScratch(scratch);
            StageResult syntaxResult = Durations.timed(NodeSyntaxStage.STAGE,
                    () -> checkSyntax(scratch, scratchSandbox, node, runs, target.files()));
            stages.add(syntaxResult);
            if (!syntaxResult.passed()) {
                return runs.report(stages);
            }
            NodeTestStage tests = new NodeTestStage(scratchSandbox, node, testTimeout, limits);
            stages.add(Durations.timed(NodeTestStage.STAGE, () -> tests.run(scratch, testFiles)));
        }
        return runs.report(stages);
    }

    /** The syntax stage, with a syntax checker of the host when one is free, given back as soon as it is done. */
    private List<Finding> checkSyntax(ScratchFolder scratch, Sandbox scratchSandbox, NodeRuntime node,
                                      InterpreterSandbox runs, List<CapsuleFile> files) {
        Optional<WarmPoolHandle<NodeSyntaxChecker>> handle = syntaxCheckers(node, runs);
        Optional<NodeSyntaxChecker> checker = handle.flatMap(WarmPoolHandle::borrow);
        try {
            return new NodeSyntaxStage(scratchSandbox, node, SYNTAX_TIMEOUT, limits, checker.orElse(null))
                    .check(scratch, files);
        } finally {
            checker.ifPresent(lent -> handle.get().giveBack(lent, lent.finishCapsule()));
        }
    }

    private synchronized Optional<WarmPoolHandle<NodeSyntaxChecker>> syntaxCheckers(NodeRuntime node,
                                                                                  InterpreterSandbox runs) {
        Optional<ConfinedCommand.Options> confinement = runs.warmConfinement();
        if (!syntaxChecker || closed || confinement.isEmpty()) {
            return Optional.empty();
        }
        if (checkers == null) {
            NodeSyntaxCheckerSpec spec = new NodeSyntaxCheckerSpec(node, limits, confinement.get(),
                    WARM_START_TIMEOUT, CHECKER_CAPSULES);
            checkers = WarmPoolHandle.shared(spec, () -> new WarmProcessPool<>("node-syntax-checker",
                    defaultPoolSize(), () -> NodeSyntaxChecker.start(spec)));
        }
        return Optional.of(checkers);
    }

    private ValidationReport validateWarm(NodeWarmProcess process, NodeRuntime node, InterpreterSandbox runs,
                                          ValidationTarget target, String testFile) {
        ScratchFolder scratch = process.scratch();
        scratch.write(target.files());
        process.handOverFiles();
        PackageTypes types = PackageTypes.of(target.files());
        List<Map.Entry<String, PackageTypes.Type>> scripts = target.files().stream().map(CapsuleFile::path)
                .filter(NodeSyntaxStage::isScript).map(path -> Map.entry(path, types.typeOf(path))).toList();
        List<StageResult> stages = new ArrayList<>();
        try {
            long started = System.nanoTime();
            Optional<List<String>> unparsed = process.check(scripts, SYNTAX_TIMEOUT);
            if (unparsed.isEmpty() || !unparsed.get().isEmpty()) {
                // A file that does not parse (or a check that did not answer): `node --check` gives the findings,
                // located exactly as the one-shot path locates them.
                NodeSyntaxStage syntax = new NodeSyntaxStage(runs.forScratch(scratch, process.uid()), node,
                        SYNTAX_TIMEOUT, limits);
                StageResult checked = Durations.timed(NodeSyntaxStage.STAGE, () -> syntax.check(scratch, target.files()));
                if (!checked.passed() || unparsed.isEmpty()) {
                    stages.add(checked);
                    return checked.passed() ? validateOneShot(target, node, runs, List.of(testFile))
                            : runs.report(stages);
                }
            }
            stages.add(StageResult.of(NodeSyntaxStage.STAGE, List.of(), millisSince(started)));
            NodeWarmProcess.Run run = process.test(testFile, testTimeout);
            List<Finding> findings = run.timedOut() ? List.of(NodeTestStage.timedOut(testTimeout))
                    : NodeTestStage.judgeInProcess(scratch, testFile, run.exitCode(),
                            scratch.tailOfRunFile(NodeWarmProcess.TAP, limits.maxOutputBytes()), run.stderr());
            stages.add(StageResult.of(NodeTestStage.STAGE, findings, run.millis()));
            return runs.report(stages);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw infrastructure("interrupted while the tests ran");
        }
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private synchronized Optional<WarmPoolHandle<NodeWarmProcess>> warmProcesses(NodeRuntime node,
                                                                               InterpreterSandbox runs) {
        Optional<ConfinedCommand.Options> confinement = runs.warmConfinement();
        if (!warm || closed || confinement.isEmpty()) {
            return Optional.empty();
        }
        if (pool == null) {
            NodeWarmSpec spec = new NodeWarmSpec(node, limits, confinement.get(), WARM_START_TIMEOUT);
            int size = poolSize != null ? poolSize : defaultPoolSize();
            Supplier<WarmProcessPool<NodeWarmProcess>> factory =
                    () -> new WarmProcessPool<>("node", size, () -> NodeWarmProcess.start(spec));
            pool = poolSize != null ? WarmPoolHandle.own(spec, factory) : WarmPoolHandle.shared(spec, factory);
        }
        return Optional.of(pool);
    }

    /**
     * Stops this validator's own pool of warm processes, if {@link Builder#poolSize(int)} gave it one; a shared pool,
     * and the host's syntax checkers, are stopped when the JVM exits. Later validations run the one-shot way, with
     * {@code node --check} for the syntax.
     */
    @Override
    public synchronized void close() {
        // The checkers are shared: a validation still running gives its checker back to the pool they belong to.
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private NodeRuntime runtime() {
        NodeRuntime node = (nodeExecutable != null ? NodeRuntime.of(nodeExecutable) : NodeRuntime.detect())
                .orElseThrow(() -> infrastructure("no working node found" + (nodeExecutable != null
                        ? " at " + nodeExecutable : " on this machine's PATH") + "; install Node.js "
                        + NodeRuntime.MIN_MAJOR_VERSION + " or newer"));
        if (node.majorVersion() < NodeRuntime.MIN_MAJOR_VERSION) {
            throw infrastructure("node " + node.majorVersion() + " at " + node.executable() + " is too old: the"
                    + " node:test JUnit reporter needs Node.js " + NodeRuntime.MIN_MAJOR_VERSION + " or newer");
        }
        return node;
    }

    private static RetriableQlpException infrastructure(String message) {
        return new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, message,
                ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), null);
    }

    /**
     * Configures a {@link JavaScriptValidator}. Each option may be set once.
     *
     * <p>Example: {@code JavaScriptValidator.builder().nodeExecutable(Path.of("/usr/bin/node")).build()}
     */
    public static final class Builder {

        private @Nullable Sandbox sandbox;
        private @Nullable Duration testTimeout;
        private @Nullable ResourceLimits limits;
        private @Nullable Path nodeExecutable;
        private @Nullable Boolean warmPool;
        private @Nullable Integer poolSize;
        private @Nullable Boolean syntaxChecker;

        private Builder() {
        }

        /**
         * Whether the syntax stage asks the host's long-lived Node syntax checker, which parses without a process per
         * file (see the class description); default true. It is used with a {@link LocalProcessSandbox} only; with
         * false, or another sandbox, each file gets a sandboxed {@code node --check}. The findings are the same.
         */
        public Builder syntaxChecker(boolean use) {
            requireUnset(this.syntaxChecker, "syntaxChecker");
            this.syntaxChecker = use;
            return this;
        }

        /**
         * Whether capsules with one test file run in Node processes started ahead of time, one process per capsule
         * (see the class description); default false. True cannot be combined with a sandbox other than a
         * {@link LocalProcessSandbox}.
         * With false, each capsule gets a {@code node --check} process per script and a {@code node --test} run.
         */
        public Builder warmPool(boolean warm) {
            requireUnset(this.warmPool, "warmPool");
            this.warmPool = warm;
            return this;
        }

        /**
         * How many Node processes this validator keeps started ahead, in a pool of its own that
         * {@link JavaScriptValidator#close()} stops; default {@link #defaultPoolSize()} in a pool shared by all
         * validators with the same settings.
         */
        public Builder poolSize(int size) {
            requireUnset(this.poolSize, "poolSize");
            if (size < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1: " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * Where node runs; default a {@link LocalProcessSandbox} that drops privileges (see the class description),
         * with no address-space limit (V8 reserves far more address space than it uses, so memory is bounded by the
         * heap size instead). A local sandbox that does not drop privileges runs capsule code as the host's user.
         */
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

        /**
         * Limits of both stages; {@link ResourceLimits#memoryBytes()} becomes each test process's
         * {@code --max-old-space-size}. Default {@link ResourceLimits#defaults()}.
         */
        public Builder limits(ResourceLimits limits) {
            requireUnset(this.limits, "limits");
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The {@code node} binary; default the first on the host's PATH. */
        public Builder nodeExecutable(Path node) {
            requireUnset(this.nodeExecutable, "nodeExecutable");
            if (!Files.isRegularFile(node) || !Files.isExecutable(node)) {
                throw new IllegalArgumentException("nodeExecutable must be an executable file: " + node);
            }
            this.nodeExecutable = node.toAbsolutePath();
            return this;
        }

        /**
         * Builds the validator.
         *
         * @throws IllegalStateException when the warm pool is asked for with a sandbox other than a
         *     {@link LocalProcessSandbox}, or a pool size is set without {@code warmPool(true)}
         */
        public JavaScriptValidator build() {
            if (Boolean.TRUE.equals(warmPool) && sandbox != null && !(sandbox instanceof LocalProcessSandbox)) {
                throw new IllegalStateException("warmPool cannot be combined with the sandbox " + sandbox.name()
                        + ": warm processes are started with the local process sandbox's confinement");
            }
            if (!Boolean.TRUE.equals(warmPool) && poolSize != null) {
                throw new IllegalStateException("poolSize needs warmPool(true): the warm path is off by default");
            }
            return new JavaScriptValidator(this);
        }

        private static void requireUnset(@Nullable Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set to " + current);
            }
        }
    }
}
