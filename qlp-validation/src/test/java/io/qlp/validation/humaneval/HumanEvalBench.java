package io.qlp.validation.humaneval;

import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Benchmark (a plain main, not a test): validates HumanEval-X problems (canonical solutions plus mutants) with QLP's
 * validator and runs the reference harness (one {@code javac}+{@code java}, {@code python3} or {@code node} process
 * per solution) on the same solutions in the same run, one solution at a time on each side, and prints both totals,
 * the average wall-clock and CPU time per solution and the ratios, plus how many verdicts agree. Both sides use the
 * same timeout per test run ({@code --timeout}); the "finished" rows leave out the solutions that hit it on either
 * side (endless loops cost both sides the whole timeout). CPU time is that of this JVM and all its child processes
 * (the reference's javac and java; the validator's tools and test JVMs), read from {@code /proc} (see {@link CpuTime}).
 *
 * <p>Run (from the repository root; the bench itself runs in a new empty folder):
 * <pre>
 * ./mvnw -q -B -pl qlp-validation test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * d=$(mktemp -d) &amp;&amp; cd "$d" &amp;&amp; java -cp "$OLDPWD/qlp-validation/target/classes:$OLDPWD/qlp-validation/target/test-classes:$(cat "$OLDPWD/qlp-validation/target/cp.txt")" \
 *     io.qlp.validation.humaneval.HumanEvalBench --languages java --problems 100 --mutants-per-operator 1 --timeout 10
 * </pre>
 * Options: {@code --languages} (default all three), {@code --problems} (first N, default 100),
 * {@code --mutants-per-operator} (default 1; 0 for canonical only), {@code --timeout} seconds (default 10),
 * {@code --warm-pool} (default: each validator's own default, a warm pool for Java and Python, the one-shot path for
 * JavaScript; true or false sets {@code warmPool} on every validator), {@code --syntax-checker} (default: the
 * JavaScript validator's own, the host's syntax checker; false checks each file with {@code node --check}).
 */
public final class HumanEvalBench {

    private HumanEvalBench() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        HumanEvalDataset dataset = HumanEvalDataset.locate().orElseThrow(() -> new IllegalStateException(
                "HumanEval-X data not found; set -Dqlp.humaneval.dir=<folder with humaneval_*.jsonl>"));
        System.out.printf(Locale.ROOT, "HumanEval-X bench: %d problems per language, %d mutants per operator,"
                        + " timeout %d s per test run on both sides, %d cores, load average at start %s%n",
                options.problems, options.mutantsPerOperator, options.timeout.toSeconds(),
                Runtime.getRuntime().availableProcessors(), CpuTime.loadAverage());
        List<String> rows = new ArrayList<>();
        for (HumanEvalLanguage language : options.languages) {
            rows.addAll(bench(dataset, language, options));
        }
        System.out.println();
        System.out.println("| language | solutions | side | wall total | wall per solution | CPU per solution"
                + " | reference / QLP (wall) | reference / QLP (CPU) | verdicts agreeing |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "load average at end %s%n", CpuTime.loadAverage());
    }

    private static List<String> bench(HumanEvalDataset dataset, HumanEvalLanguage language, Options options) {
        List<AgreementRun.Case> cases = new ArrayList<>();
        MutantGenerator mutants = options.mutantsPerOperator > 0 ? new MutantGenerator(options.mutantsPerOperator)
                : null;
        for (HumanEvalProblem problem : dataset.problems(language).subList(0, options.problems)) {
            cases.add(AgreementRun.Case.canonical(problem));
            if (mutants != null) {
                mutants.mutants(problem).stream().map(AgreementRun.Case::of).forEach(cases::add);
            }
        }
        ReferenceHarness harness = new ReferenceHarness(options.timeout);
        List<Side> reference = new ArrayList<>();
        long referenceCpu = CpuTime.ofSelfAndReapedChildren();
        for (AgreementRun.Case testCase : cases) {
            long started = System.nanoTime();
            ReferenceHarness.Verdict verdict = harness.run(testCase.problem(), testCase.body());
            reference.add(new Side(verdict.passed(), verdict.reason().contains("timeout after"),
                    millisSince(started)));
        }
        referenceCpu = CpuTime.ofSelfAndReapedChildren() - referenceCpu;

        Validator validator = HumanEvalValidators.create(language, options.timeout, options.warmPool,
                options.syntaxChecker);
        List<Side> qlp = new ArrayList<>();
        Map<String, Long> stageMillis = new TreeMap<>();
        long validatorCpu;
        CpuTime.Sampler sampler;
        try {
            // A validator is a long-lived service: one untimed validation starts its pools, as at service start.
            long warmUpStarted = System.nanoTime();
            validator.validate(new ValidationTarget(CapsuleLayouts.capsule(cases.get(0).problem(),
                    cases.get(0).body()), language.language()));
            System.out.printf(Locale.ROOT, "%s: first validation (starts the validator's JVMs, not timed): %d ms%n",
                    language.name().toLowerCase(Locale.ROOT), millisSince(warmUpStarted));
            sampler = CpuTime.Sampler.start();
            for (AgreementRun.Case testCase : cases) {
                long started = System.nanoTime();
                ValidationReport report = validator.validate(new ValidationTarget(
                        CapsuleLayouts.capsule(testCase.problem(), testCase.body()), language.language()));
                long millis = millisSince(started);
                boolean timedOut = report.errors().stream().anyMatch(f -> f.rule().endsWith(".timeout"));
                qlp.add(new Side(report.passed(), timedOut, millis));
                report.stages().forEach(stage -> stageMillis.merge(stage.name(), stage.millis(), Long::sum));
            }
        } finally {
            HumanEvalValidators.close(validator);
        }
        validatorCpu = sampler.stop();

        int agreeing = 0;
        int finished = 0;
        long referenceFinished = 0;
        long qlpFinished = 0;
        for (int i = 0; i < cases.size(); i++) {
            if (reference.get(i).passed() == qlp.get(i).passed()) {
                agreeing++;
            } else {
                System.err.println("disagreement: " + cases.get(i).label() + " reference=" + reference.get(i)
                        + " validator=" + qlp.get(i));
            }
            if (!reference.get(i).timedOut() && !qlp.get(i).timedOut()) {
                finished++;
                referenceFinished += reference.get(i).millis();
                qlpFinished += qlp.get(i).millis();
            }
        }
        long referenceAll = reference.stream().mapToLong(Side::millis).sum();
        long qlpAll = qlp.stream().mapToLong(Side::millis).sum();
        String name = language.name().toLowerCase(Locale.ROOT);
        System.out.printf(Locale.ROOT, "%s: validator stage time per solution %s; timed out: reference %d,"
                        + " validator %d%n", name, perSolution(stageMillis, cases.size()),
                reference.stream().filter(Side::timedOut).count(), qlp.stream().filter(Side::timedOut).count());
        return List.of(
                row(name + " (all)", cases.size(), referenceAll, qlpAll, referenceCpu, validatorCpu, agreeing),
                row(name + " (finished)", finished, referenceFinished, qlpFinished, -1, -1, agreeing));
    }

    private static String row(String label, int solutions, long referenceMillis, long qlpMillis, long referenceCpu,
                              long qlpCpu, int agreeing) {
        String cpuRatio = referenceCpu < 0 || qlpCpu <= 0 ? "" : String.format(Locale.ROOT, "%.2f×",
                referenceCpu / (double) qlpCpu);
        return String.format(Locale.ROOT, "| %s | %d | QLP validator | %.1f s | %.0f ms | %s | %.2f× | %s | %d |%n"
                        + "| %s | %d | reference harness | %.1f s | %.0f ms | %s | | | |",
                label, solutions, qlpMillis / 1000.0, qlpMillis / (double) solutions, cpu(qlpCpu, solutions),
                referenceMillis / (double) qlpMillis, cpuRatio, agreeing,
                label, solutions, referenceMillis / 1000.0, referenceMillis / (double) solutions,
                cpu(referenceCpu, solutions));
    }

    private static String cpu(long cpuMillis, int solutions) {
        return cpuMillis < 0 ? "" : String.format(Locale.ROOT, "%.0f ms", cpuMillis / (double) solutions);
    }

    private static String perSolution(Map<String, Long> stageMillis, int solutions) {
        StringBuilder text = new StringBuilder();
        stageMillis.forEach((stage, millis) -> text.append(text.length() == 0 ? "" : ", ").append(stage)
                .append(String.format(Locale.ROOT, " %.0f ms", millis / (double) solutions)));
        return text.toString();
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** One side's result for one solution. */
    private record Side(boolean passed, boolean timedOut, long millis) {
    }

    private record Options(List<HumanEvalLanguage> languages, int problems, int mutantsPerOperator,
                           Duration timeout, @Nullable Boolean warmPool, @Nullable Boolean syntaxChecker) {

        static Options parse(String[] args) {
            List<HumanEvalLanguage> languages = List.of(HumanEvalLanguage.values());
            int problems = 100;
            int mutantsPerOperator = 1;
            int timeoutSeconds = 10;
            Boolean warmPool = null;
            Boolean syntaxChecker = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--languages" -> languages = Arrays.stream(value.split(","))
                            .map(name -> name.trim().equalsIgnoreCase("js") ? "JAVASCRIPT" : name.trim())
                            .map(name -> HumanEvalLanguage.valueOf(name.toUpperCase(Locale.ROOT))).toList();
                    case "--problems" -> problems = Integer.parseInt(value);
                    case "--mutants-per-operator" -> mutantsPerOperator = Integer.parseInt(value);
                    case "--timeout" -> timeoutSeconds = Integer.parseInt(value);
                    case "--warm-pool" -> warmPool = Boolean.parseBoolean(value);
                    case "--syntax-checker" -> syntaxChecker = Boolean.parseBoolean(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected"
                            + " --languages, --problems, --mutants-per-operator, --timeout, --warm-pool or"
                            + " --syntax-checker");
                }
                i++;
            }
            if (problems < 1 || problems > 100) {
                throw new IllegalArgumentException("--problems must be between 1 and 100: " + problems);
            }
            return new Options(languages, problems, mutantsPerOperator, Duration.ofSeconds(timeoutSeconds), warmPool,
                    syntaxChecker);
        }
    }
}
