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
import io.qlp.validation.internal.python.PytestStage;
import io.qlp.validation.internal.python.PythonInterpreter;
import io.qlp.validation.internal.python.PythonSyntaxStage;
import io.qlp.validation.internal.python.PythonZygote;
import io.qlp.validation.internal.python.ZygoteOutcome;
import io.qlp.validation.internal.python.ZygoteSpec;
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
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Validates Python 3 capsules laid out the pytest way (modules plus {@code test_*.py} files with {@code test_*}
 * functions, anywhere in the folder) in two stages, stopping at the first that fails:
 * <ol>
 *   <li>{@code syntax}: the interpreter's own parser ({@code compile} to an AST, nothing runs) over every
 *       {@code .py} file, in one sandboxed process, with file, line and column of each {@code SyntaxError};</li>
 *   <li>{@code test}: {@code python3 -m pytest} in a {@link Sandbox}, judged by pytest's JUnit XML report only,
 *       written outside the capsule's folder: the run passes when the report exists, at least one test ran, none
 *       failed or errored and pytest exited with 0. A test calling {@code os._exit(0)} leaves no report and fails;
 *       so do a folder without tests and a run that hits the timeout.</li>
 * </ol>
 * By default both stages run in one process per capsule, forked from a warm "zygote": a Python interpreter that has
 * imported pytest once, started with the {@link LocalProcessSandbox}'s confinement (no network, a PID namespace of its
 * own in which it is process 1, resource limits, a clean environment, a private folder, the sandbox's user). The child sets the capsule's CPU limit, {@code HOME} and {@code TMPDIR}, checks the syntax
 * and runs {@code pytest.main} with the same report and judgement; capsule code never runs in the zygote, and a fresh
 * fork per capsule keeps modules and pytest state from leaking into the next one. After each child the zygote kills
 * every process the capsule left; a zygote is replaced after a timeout, a crash, left-over processes or
 * {@link Builder#maxCapsulesPerZygote(int)} capsules. With {@code warmPool(false)}, a sandbox other than the local one,
 * or when no zygote can start (logged), each stage runs as a new sandboxed process as described above.
 * Security checks are a separate validator, {@link SecurityValidator}, which runs for every language. The
 * interpreter, unless configured, is the first {@code python3} on the host's {@code PATH} (then in the system folders)
 * that has pytest and that the sandbox's user can run with pytest, else the first that has pytest.
 *
 * <p><b>Who runs what.</b> The default sandbox drops privileges: when QLP runs as root and can switch users
 * ({@code setpriv}), the syntax check, pytest and everything the capsule starts run as an unprivileged user id of
 * their own (one per capsule on the one-shot path, one per zygote on the warm path, each zygote with all its
 * children), with no supplementary groups and {@code no_new_privs}. That keeps root's files (such as
 * {@code ~/.ssh}) unreadable and the host's folders unwritable, and makes the process-count limit apply, which
 * Linux does not apply to root. The capsule's scratch folder is handed to that user. When that user cannot run the
 * interpreter with pytest (one installed under root's home, such as pyenv's, with no other interpreter with pytest on
 * the machine; Debian's {@code python3-pytest} gives {@code /usr/bin/python3} one), capsule code runs as the host's
 * user instead: that is logged once and every report carries a {@code sandbox.host-user} warning finding, as it does
 * when QLP runs as root on a machine that cannot switch users. When QLP does not run as root, capsule code runs as
 * QLP's own user. The host JVM itself only writes the capsule's files and reads the reports. pytest
 * loads only the plugins the project names ({@code -p} in its configuration), not every plugin installed on the
 * host, unless {@link Builder#autoloadPlugins(boolean)} is set. Instances are thread-safe; {@link #close()} stops a
 * pool of the validator's own.
 *
 * <p>Example:
 * <pre>{@code
 * Validator validator = PythonValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
 * ValidationReport report = validator.validate(new ValidationTarget(files, Language.PYTHON));
 * report.errors().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 */
public final class PythonValidator implements Validator, AutoCloseable {

    /** The name this validator and its factory are known by. */
    public static final String NAME = "python";

    /** Wall-clock limit of a test run unless configured. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(60);

    /** Capsules a warm zygote serves before it is replaced, unless configured. */
    public static final int DEFAULT_MAX_CAPSULES_PER_ZYGOTE = 200;

    /** Wall-clock limit of the syntax check. */
    private static final Duration SYNTAX_TIMEOUT = Duration.ofSeconds(30);

    /** How long a zygote may take to import pytest. */
    private static final Duration ZYGOTE_START_TIMEOUT = Duration.ofSeconds(60);

    /** What to do about an interpreter with pytest that the sandbox's user cannot run. */
    private static final String HOST_USER_REMEDY = " with pytest; install one every user can run (Debian's"
            + " python3-pytest for /usr/bin/python3, for example) or configure one";

    private static final System.Logger LOG = System.getLogger(PythonValidator.class.getName());

    private final Sandbox sandbox;
    private final Duration testTimeout;
    private final ResourceLimits limits;
    private final @Nullable Path pythonExecutable;
    private final boolean autoloadPlugins;
    private final boolean warm;
    private final @Nullable Integer poolSize;
    private final int maxCapsulesPerZygote;
    /** The pool of warm zygotes, made on first use because it needs the interpreter, which is probed lazily. */
    private @Nullable WarmPoolHandle<PythonZygote> pool;
    private boolean closed;

    private PythonValidator(Builder builder) {
        // Python's address space stays close to its use, so the sandbox can bound it, unlike a JVM's or Node's.
        this.sandbox = builder.sandbox != null ? builder.sandbox
                : LocalProcessSandbox.builder().limitAddressSpace(true).dropPrivileges(true).build();
        this.testTimeout = builder.testTimeout != null ? builder.testTimeout : DEFAULT_TEST_TIMEOUT;
        this.limits = builder.limits != null ? builder.limits : ResourceLimits.defaults();
        this.pythonExecutable = builder.pythonExecutable;
        this.autoloadPlugins = builder.autoloadPlugins != null && builder.autoloadPlugins;
        this.warm = builder.warmPool != null ? builder.warmPool
                : builder.sandbox == null || builder.sandbox instanceof LocalProcessSandbox;
        this.poolSize = builder.poolSize;
        this.maxCapsulesPerZygote = builder.maxCapsulesPerZygote != null
                ? builder.maxCapsulesPerZygote : DEFAULT_MAX_CAPSULES_PER_ZYGOTE;
    }

    /** Warm zygotes kept unless configured: two, or one on a single core. */
    public static int defaultPoolSize() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** A validator with the defaults: see {@link Builder}. */
    public static PythonValidator create() {
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
        return language == Language.PYTHON;
    }

    /**
     * Runs the stages.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when the target is not Python
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when no Python 3 with pytest
     *     is found or the sandbox cannot start it
     */
    @Override
    public ValidationReport validate(ValidationTarget target) {
        if (!supports(target.language())) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "the python validator cannot validate "
                    + target.language() + " code", Map.of("language", target.language().id()));
        }
        PythonInterpreter python = interpreter();
        InterpreterSandbox runs = InterpreterSandbox.choose(sandbox, python.executable(),
                python.usableBySandboxUser(), python.hasPytest() ? HOST_USER_REMEDY : "");
        List<String> sources = target.files().stream().map(CapsuleFile::path).filter(p -> p.endsWith(".py"))
                .sorted().toList();
        Set<String> paths = target.files().stream().map(CapsuleFile::path).collect(Collectors.toSet());
        Optional<WarmPoolHandle<PythonZygote>> zygotes = !sources.isEmpty() && python.hasPytest()
                ? zygotes(python, runs) : Optional.empty();
        Optional<PythonZygote> zygote = zygotes.flatMap(WarmPoolHandle::borrow);
        if (zygote.isPresent()) {
            Optional<ValidationReport> report = validateWarm(zygotes.get(), zygote.get(), runs, target, sources,
                    paths);
            if (report.isPresent()) {
                return report.get();
            }
        }
        return validateOneShot(target, python, runs, sources, paths);
    }

    private ValidationReport validateOneShot(ValidationTarget target, PythonInterpreter python,
                                             InterpreterSandbox runs, List<String> sources, Set<String> paths) {
        List<StageResult> stages = new ArrayList<>();
        try (ScratchFolder scratch = ScratchFolder.create("qlp-python-", target.files())) {
            // One user for both stages, handed the whole scratch folder: pytest writes its report beside the capsule.
            Sandbox scratchSandbox = runs.forScratch(scratch);
            PythonSyntaxStage syntax = new PythonSyntaxStage(scratchSandbox, python, SYNTAX_TIMEOUT, limits);
            StageResult syntaxResult = Durations.timed(PythonSyntaxStage.STAGE, () -> syntax.check(scratch, sources));
            stages.add(syntaxResult);
            if (!syntaxResult.passed()) {
                return runs.report(stages);
            }
            PytestStage tests = new PytestStage(scratchSandbox, python, testTimeout, limits, autoloadPlugins);
            stages.add(Durations.timed(PytestStage.STAGE, () -> tests.run(scratch, paths)));
        }
        return runs.report(stages);
    }

    /** The report of a warm run, or empty when the zygote failed and the capsule must run the one-shot way. */
    private Optional<ValidationReport> validateWarm(WarmPoolHandle<PythonZygote> zygotes, PythonZygote zygote,
                                                    InterpreterSandbox runs, ValidationTarget target,
                                                    List<String> sources, Set<String> paths) {
        boolean keep = false;
        try (ScratchFolder scratch = ScratchFolder.create("qlp-python-", target.files())) {
            ZygoteOutcome outcome = zygote.run(scratch, sources, autoloadPlugins, SYNTAX_TIMEOUT, testTimeout);
            List<StageResult> stages = new ArrayList<>();
            if (outcome instanceof ZygoteOutcome.SyntaxTimedOut) {
                stages.add(StageResult.of(PythonSyntaxStage.STAGE, List.of(PythonSyntaxStage.timedOut(SYNTAX_TIMEOUT)),
                        SYNTAX_TIMEOUT.toMillis()));
            } else if (outcome instanceof ZygoteOutcome.TestTimedOut timedOut) {
                stages.add(StageResult.of(PythonSyntaxStage.STAGE, List.of(), timedOut.syntaxMillis()));
                stages.add(StageResult.of(PytestStage.STAGE, List.of(PytestStage.timedOut(testTimeout)),
                        testTimeout.toMillis()));
            } else if (outcome instanceof ZygoteOutcome.Ran ran) {
                keep = ran.strays() == 0 && zygote.hasCapacity();
                stages.addAll(stagesOf(ran, scratch, paths));
            } else {
                LOG.log(System.Logger.Level.WARNING, "validating a Python capsule again with one-shot processes: "
                        + ((ZygoteOutcome.Failed) outcome).why());
                return Optional.empty();
            }
            return Optional.of(runs.report(stages));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "interrupted while the tests ran",
                    ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(), e);
        } finally {
            zygotes.giveBack(zygote, keep);
        }
    }

    private List<StageResult> stagesOf(ZygoteOutcome.Ran ran, ScratchFolder scratch, Set<String> paths) {
        int maxOutput = limits.maxOutputBytes();
        if (!ran.syntaxCompleted()) {
            return List.of(StageResult.of(PythonSyntaxStage.STAGE, List.of(PythonSyntaxStage.crashed(ran.exitCode(),
                    scratch.tailOfRunFile("stderr.txt", maxOutput))), ran.syntaxMillis()));
        }
        if (!ran.syntaxFindings().isEmpty()) {
            return List.of(StageResult.of(PythonSyntaxStage.STAGE, ran.syntaxFindings(), ran.syntaxMillis()));
        }
        List<Finding> findings = PytestStage.judge(scratch.runFile("pytest-junit.xml"), ran.exitCode(),
                scratch.tailOfRunFile("stdout.txt", maxOutput), scratch.tailOfRunFile("stderr.txt", maxOutput), paths);
        return List.of(StageResult.of(PythonSyntaxStage.STAGE, List.of(), ran.syntaxMillis()),
                StageResult.of(PytestStage.STAGE, findings, ran.testMillis()));
    }

    private synchronized Optional<WarmPoolHandle<PythonZygote>> zygotes(PythonInterpreter python,
                                                                       InterpreterSandbox runs) {
        Optional<ConfinedCommand.Options> confinement = runs.warmConfinement();
        if (!warm || closed || confinement.isEmpty()) {
            return Optional.empty();
        }
        if (pool == null) {
            ZygoteSpec spec = new ZygoteSpec(python.executable(), limits, confinement.get(), maxCapsulesPerZygote,
                    ZYGOTE_START_TIMEOUT);
            int size = poolSize != null ? poolSize : defaultPoolSize();
            Supplier<WarmProcessPool<PythonZygote>> factory =
                    () -> new WarmProcessPool<>("python-zygote", size, () -> PythonZygote.start(spec));
            pool = poolSize != null || maxCapsulesPerZygote != DEFAULT_MAX_CAPSULES_PER_ZYGOTE
                    ? WarmPoolHandle.own(spec, factory) : WarmPoolHandle.shared(spec, factory);
        }
        return Optional.of(pool);
    }

    /**
     * Stops this validator's own pool of zygotes, if {@link Builder#poolSize(int)} or
     * {@link Builder#maxCapsulesPerZygote(int)} gave it one; a shared pool is stopped when the JVM exits. Later
     * validations run the one-shot way.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private PythonInterpreter interpreter() {
        if (pythonExecutable != null) {
            return PythonInterpreter.of(pythonExecutable);
        }
        return PythonInterpreter.detect().orElseThrow(() -> new RetriableQlpException(
                ErrorCode.VALIDATION_INFRASTRUCTURE, "no python3 found on this machine's PATH; install Python 3 with"
                + " pytest or configure the interpreter", ErrorContext.empty().withStage(Stage.VALIDATE), Map.of(),
                null));
    }

    /**
     * Configures a {@link PythonValidator}. Each option may be set once.
     *
     * <p>Example: {@code PythonValidator.builder().pythonExecutable(Path.of("/usr/bin/python3")).build()}
     */
    public static final class Builder {

        private @Nullable Sandbox sandbox;
        private @Nullable Duration testTimeout;
        private @Nullable ResourceLimits limits;
        private @Nullable Path pythonExecutable;
        private @Nullable Boolean autoloadPlugins;
        private @Nullable Boolean warmPool;
        private @Nullable Integer poolSize;
        private @Nullable Integer maxCapsulesPerZygote;

        private Builder() {
        }

        /**
         * Whether capsules run in forks of warm zygotes (see the class description); default true unless a sandbox
         * other than a {@link LocalProcessSandbox} is set. With false, each capsule gets two new sandboxed processes:
         * the syntax check, then {@code python3 -m pytest}.
         */
        public Builder warmPool(boolean warm) {
            requireUnset(this.warmPool, "warmPool");
            this.warmPool = warm;
            return this;
        }

        /**
         * How many warm zygotes this validator keeps, in a pool of its own that {@link PythonValidator#close()}
         * stops; default {@link #defaultPoolSize()} in a pool shared by all validators with the same settings.
         */
        public Builder poolSize(int size) {
            requireUnset(this.poolSize, "poolSize");
            if (size < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1: " + size);
            }
            this.poolSize = size;
            return this;
        }

        /** Capsules a zygote serves before it is replaced; default 200. Setting it gives the validator its own pool. */
        public Builder maxCapsulesPerZygote(int capsules) {
            requireUnset(this.maxCapsulesPerZygote, "maxCapsulesPerZygote");
            if (capsules < 1) {
                throw new IllegalArgumentException("maxCapsulesPerZygote must be at least 1: " + capsules);
            }
            this.maxCapsulesPerZygote = capsules;
            return this;
        }

        /**
         * Where the parser and pytest run; default a {@link LocalProcessSandbox} that drops privileges (see the class
         * description) and limits the address space to {@link ResourceLimits#memoryBytes()}. A local sandbox that
         * does not drop privileges runs capsule code, and the zygotes, as the host's user.
         */
        public Builder sandbox(Sandbox sandbox) {
            requireUnset(this.sandbox, "sandbox");
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /** Wall-clock limit of the pytest run; default 60 s. */
        public Builder testTimeout(Duration timeout) {
            requireUnset(this.testTimeout, "testTimeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("testTimeout must be positive: " + timeout);
            }
            this.testTimeout = timeout;
            return this;
        }

        /** Limits of both stages; default {@link ResourceLimits#defaults()}. */
        public Builder limits(ResourceLimits limits) {
            requireUnset(this.limits, "limits");
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The Python 3 interpreter; default the first {@code python3} on the host's PATH that has pytest and that the
         * sandbox's user can run (see the class description). One that user cannot run makes capsule code run as
         * the host's user, said in every report.
         */
        public Builder pythonExecutable(Path python) {
            requireUnset(this.pythonExecutable, "pythonExecutable");
            if (!Files.isRegularFile(python) || !Files.isExecutable(python)) {
                throw new IllegalArgumentException("pythonExecutable must be an executable file: " + python);
            }
            this.pythonExecutable = python.toAbsolutePath();
            return this;
        }

        /**
         * Whether pytest loads every plugin installed for the interpreter (pytest's default) instead of only those
         * the project names with {@code -p}; default false, so the verdict does not depend on the host's plugins.
         */
        public Builder autoloadPlugins(boolean autoload) {
            requireUnset(this.autoloadPlugins, "autoloadPlugins");
            this.autoloadPlugins = autoload;
            return this;
        }

        /**
         * Builds the validator.
         *
         * @throws IllegalStateException when the warm pool is asked for with a sandbox other than a
         *     {@link LocalProcessSandbox}, or pool options are set with {@code warmPool(false)}
         */
        public PythonValidator build() {
            if (Boolean.TRUE.equals(warmPool) && sandbox != null && !(sandbox instanceof LocalProcessSandbox)) {
                throw new IllegalStateException("warmPool cannot be combined with the sandbox " + sandbox.name()
                        + ": warm zygotes are started with the local process sandbox's confinement");
            }
            if (Boolean.FALSE.equals(warmPool) && (poolSize != null || maxCapsulesPerZygote != null)) {
                throw new IllegalStateException("poolSize and maxCapsulesPerZygote cannot be combined with"
                        + " warmPool(false)");
            }
            return new PythonValidator(this);
        }

        private static void requireUnset(@Nullable Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set to " + current);
            }
        }
    }
}
