package io.qlp.validation.bench;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.validation.JavaValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Validates one small passing capsule many times, with the warm JVM pool and with a new JVM per capsule, in the same
 * run, and prints the mean wall-clock time per capsule and per stage. Not a unit test: run it by hand.
 *
 * <pre>
 * ./mvnw -q -B -pl qlp-validation test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp qlp-validation/target/test-classes:qlp-validation/target/classes:$(cat qlp-validation/target/bench.cp) \
 *     io.qlp.validation.bench.JavaValidationBench 40 10
 * </pre>
 * Arguments: capsules for the warm pool (default 40), capsules for the one-shot JVM (default 10).
 */
public final class JavaValidationBench {

    private static final int WARM_UP = 5;

    private JavaValidationBench() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int oneShotRuns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores=%d java=%s%n", cores, System.getProperty("java.version"));
        try (JavaValidator warm = JavaValidator.builder().poolSize(JavaValidator.defaultPoolSize()).build();
             JavaValidator oneShot = JavaValidator.builder().warmPool(false).build()) {
            for (int i = 0; i < WARM_UP; i++) {
                check(warm.validate(capsule(i)));
                check(oneShot.validate(capsule(i)));
            }
            report("one-shot JVM, 1 thread", sequential(oneShot, oneShotRuns));
            report("warm pool, 1 thread", sequential(warm, warmRuns));
            report("warm pool, " + cores + " threads", parallel(warm, warmRuns, cores));
            report("one-shot JVM, " + cores + " threads", parallel(oneShot, oneShotRuns, cores));
        }
    }

    private static Result sequential(JavaValidator validator, int runs) {
        Result result = new Result(runs);
        long started = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            result.add(check(validator.validate(capsule(i))));
        }
        result.wallNanos = System.nanoTime() - started;
        return result;
    }

    private static Result parallel(JavaValidator validator, int runs, int threads) throws Exception {
        Result result = new Result(runs);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<ValidationReport>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int n = i;
                futures.add(executor.submit(() -> validator.validate(capsule(n))));
            }
            for (Future<ValidationReport> future : futures) {
                result.add(check(future.get()));
            }
            result.wallNanos = System.nanoTime() - started;
        } finally {
            executor.shutdown();
        }
        return result;
    }

    private static void report(String name, Result result) {
        StringBuilder stages = new StringBuilder();
        result.stageMillis.forEach((stage, millis) ->
                stages.append(String.format(" %s=%.1f", stage, (double) millis / result.runs)));
        System.out.printf("%-26s %3d capsules  %7.1f ms/capsule wall  (mean per stage, ms:%s)%n", name,
                result.runs, result.wallNanos / 1e6 / result.runs, stages);
    }

    private static ValidationReport check(ValidationReport report) {
        if (!report.passed()) {
            throw new IllegalStateException("the benchmark capsule failed: " + report.errors());
        }
        return report;
    }

    /** A HumanEval-sized capsule; {@code n} varies a constant so no run can reuse another's classes. */
    private static ValidationTarget capsule(int n) {
        return new ValidationTarget(List.of(
                CapsuleFile.of("src/main/java/bench/Solution.java", """
                        package bench;

                        import java.util.ArrayList;
                        import java.util.List;

                        public class Solution {
                            public List<Integer> evens(List<Integer> values) {
                                List<Integer> result = new ArrayList<>();
                                for (int value : values) {
                                    if (value %% 2 == 0) {
                                        result.add(value + %d - %d);
                                    }
                                }
                                return result;
                            }
                        }
                        """.formatted(n, n)),
                CapsuleFile.of("src/test/java/bench/SolutionTest.java", """
                        package bench;

                        import static org.junit.jupiter.api.Assertions.assertEquals;

                        import java.util.List;
                        import org.junit.jupiter.api.Test;

                        class SolutionTest {
                            @Test
                            void keeps_even_values() {
                                assertEquals(List.of(2, 4), new Solution().evens(List.of(1, 2, 3, 4, 5)));
                            }

                            @Test
                            void keeps_nothing_from_an_empty_list() {
                                assertEquals(List.of(), new Solution().evens(List.of()));
                            }
                        }
                        """)), Language.JAVA);
    }

    private static final class Result {
        final int runs;
        final Map<String, Long> stageMillis = new LinkedHashMap<>();
        long wallNanos;

        Result(int runs) {
            this.runs = runs;
        }

        synchronized void add(ValidationReport report) {
            for (StageResult stage : report.stages()) {
                stageMillis.merge(stage.name(), stage.millis(), Long::sum);
            }
        }
    }
}
