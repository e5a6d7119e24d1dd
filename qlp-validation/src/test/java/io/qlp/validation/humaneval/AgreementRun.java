package io.qlp.validation.humaneval;

import io.qlp.api.Finding;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs solutions through a validator and through the reference harness, and pairs the verdicts.
 *
 * <p>Example: {@code AgreementRun.run(validator, harness, cases, 2).stream().filter(o -> !o.agrees())}
 */
final class AgreementRun {

    private AgreementRun() {
    }

    /** A solution to judge: the canonical body or a mutant's. */
    record Case(HumanEvalProblem problem, String label, String body) {

        static Case canonical(HumanEvalProblem problem) {
            return new Case(problem, problem.taskId() + " canonical", problem.canonicalSolution());
        }

        static Case of(Mutant mutant) {
            return new Case(mutant.problem(), mutant.id(), mutant.body());
        }
    }

    /** Both verdicts on one case. */
    record Outcome(Case testCase, ReferenceHarness.Verdict reference, boolean validatorPassed, String validatorWhy,
                   long validatorMillis) {

        boolean agrees() {
            return reference.passed() == validatorPassed;
        }

        String describe() {
            return testCase.label() + ": reference " + (reference.passed() ? "PASS" : "FAIL (" + reference.reason()
                    + ")") + ", validator " + (validatorPassed ? "PASS" : "FAIL (" + validatorWhy + ")");
        }
    }

    /** Judges every case with both, {@code threads} cases at a time. */
    static List<Outcome> run(Validator validator, ReferenceHarness harness, List<Case> cases, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Case testCase : cases) {
                futures.add(pool.submit(() -> judge(validator, harness, testCase)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a case could not be judged: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Outcome judge(Validator validator, ReferenceHarness harness, Case testCase) {
        ReferenceHarness.Verdict reference = harness.run(testCase.problem(), testCase.body());
        long started = System.nanoTime();
        ValidationReport report = validator.validate(new ValidationTarget(
                CapsuleLayouts.capsule(testCase.problem(), testCase.body()), testCase.problem().language().language()));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String why = report.errors().stream().limit(2).map(Finding::describe)
                .map(text -> text.length() > 300 ? text.substring(0, 300) + "..." : text)
                .collect(Collectors.joining(" | "));
        return new Outcome(testCase, reference, report.passed(), why, millis);
    }
}
