package io.qlp.validation.humaneval;

import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (a plain main, not a test): validates HumanEval-X problems (canonical solutions plus mutants) with QLP's
 * validator and runs the reference harness (one {@code javac}+{@code java}, {@code python3} or {@code node} process
 * per solution) on the same solutions in the same run, one solution at a time on each side, and prints both totals,
 * the average per solution and the ratio, plus how many verdicts agree.
 *
 * <p>Run (from the repository root):
 * <pre>
 * ./mvnw -q -B -pl qlp-validation test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp qlp-validation/target/classes:qlp-validation/target/test-classes:$(cat qlp-validation/target/cp.txt) \
 *     io.qlp.validation.humaneval.HumanEvalBench --languages java,python,javascript --problems 100 --mutants-per-operator 1
 * </pre>
 * Options: {@code --languages} (default all three), {@code --problems} (first N, default 100),
 * {@code --mutants-per-operator} (default 1; 0 for canonical only), {@code --timeout} seconds (default 10).
 */
public final class HumanEvalBench {

    private HumanEvalBench() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        HumanEvalDataset dataset = HumanEvalDataset.locate().orElseThrow(() -> new IllegalStateException(
                "HumanEval-X data not found; set -Dqlp.humaneval.dir=<folder with humaneval_*.jsonl>"));
        System.out.printf(Locale.ROOT, "HumanEval-X bench: %d problems per language, %d mutants per operator,"
                        + " timeout %d s, %d cores%n", options.problems, options.mutantsPerOperator,
                options.timeout.toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.println("| language | solutions | QLP validator total | per solution | reference harness total"
                + " | per solution | reference / QLP | verdicts agreeing |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (HumanEvalLanguage language : options.languages) {
            bench(dataset, language, options);
        }
    }

    private static void bench(HumanEvalDataset dataset, HumanEvalLanguage language, Options options) {
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
        long referenceStarted = System.nanoTime();
        List<Boolean> reference = new ArrayList<>();
        for (AgreementRun.Case testCase : cases) {
            reference.add(harness.run(testCase.problem(), testCase.body()).passed());
        }
        long referenceMillis = millisSince(referenceStarted);

        Validator validator = HumanEvalValidators.create(language, options.timeout);
        int agreeing = 0;
        long validatorMillis;
        try {
            long validatorStarted = System.nanoTime();
            for (int i = 0; i < cases.size(); i++) {
                AgreementRun.Case testCase = cases.get(i);
                boolean passed = validator.validate(new ValidationTarget(
                        CapsuleLayouts.capsule(testCase.problem(), testCase.body()), language.language())).passed();
                if (passed == reference.get(i)) {
                    agreeing++;
                } else {
                    System.err.println("disagreement: " + testCase.label() + " reference=" + reference.get(i)
                            + " validator=" + passed);
                }
            }
            validatorMillis = millisSince(validatorStarted);
        } finally {
            HumanEvalValidators.close(validator);
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f s | %.0f ms | %.1f s | %.0f ms | %.2f× | %d/%d |%n",
                language.name().toLowerCase(Locale.ROOT), cases.size(), validatorMillis / 1000.0,
                validatorMillis / (double) cases.size(), referenceMillis / 1000.0,
                referenceMillis / (double) cases.size(), referenceMillis / (double) validatorMillis, agreeing,
                cases.size());
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private record Options(List<HumanEvalLanguage> languages, int problems, int mutantsPerOperator,
                           Duration timeout) {

        static Options parse(String[] args) {
            List<HumanEvalLanguage> languages = List.of(HumanEvalLanguage.values());
            int problems = 100;
            int mutantsPerOperator = 1;
            int timeoutSeconds = 10;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--languages" -> languages = Arrays.stream(value.split(","))
                            .map(name -> name.trim().equalsIgnoreCase("js") ? "JAVASCRIPT" : name.trim())
                            .map(name -> HumanEvalLanguage.valueOf(name.toUpperCase(Locale.ROOT))).toList();
                    case "--problems" -> problems = Integer.parseInt(value);
                    case "--mutants-per-operator" -> mutantsPerOperator = Integer.parseInt(value);
                    case "--timeout" -> timeoutSeconds = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; expected --languages, --problems, --mutants-per-operator or --timeout");
                }
                i++;
            }
            if (problems < 1 || problems > 100) {
                throw new IllegalArgumentException("--problems must be between 1 and 100: " + problems);
            }
            return new Options(languages, problems, mutantsPerOperator, Duration.ofSeconds(timeoutSeconds));
        }
    }
}
