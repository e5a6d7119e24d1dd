package io.qlp.validation.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleFile;
import io.qlp.api.StageResult;
import io.qlp.validation.internal.JavaToolStages;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ToolsJvmPoolTest {

    private static final List<CapsuleFile> CAPSULE = List.of(
            CapsuleFile.of("src/main/java/p/Calc.java", "package p;\npublic class Calc {\n"
                    + "    public boolean same(Object o) { return o.equals(null); }\n}\n"),
            CapsuleFile.of("src/test/java/p/CalcTest.java", "package p;\nclass CalcTest {\n"
                    + "    @org.junit.jupiter.api.Test void t() { new Calc(); }\n}\n"));

    @Test
    void should_find_a_reproducible_class_path_when_qlp_runs_from_plain_jars_and_folders() {
        assertThat(ToolsJvmPool.command()).hasValueSatisfying(command -> assertThat(command)
                .contains("-XX:TieredStopAtLevel=1", "jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED")
                .endsWith(ToolsServer.class.getName()));
    }

    @Test
    void should_run_the_stages_in_a_warm_tools_jvm_and_lend_it_again() throws Exception {
        try (ToolsJvmPool pool = new ToolsJvmPool(ToolsJvmPool.command().orElseThrow(), 2)) {
            awaitTrue(() -> pool.idle() >= 1);
            long first = pool.idlePids().get(0);

            JavaToolStages.Run run = pool.run(CAPSULE, true);

            assertThat(run.checked().compiledCleanly()).isTrue();
            assertThat(run.checked().compiled().classes()).containsKeys("p.Calc", "p.CalcTest");
            assertThat(run.checked().compiled().sources()).containsEntry("p.CalcTest", "src/test/java/p/CalcTest.java");
            StageResult analysis = run.analysis().join();
            assertThat(analysis.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.rule()).isEqualTo("pmd.EqualsNull");
                assertThat(finding.line()).isEqualTo(3);
            });
            awaitTrue(() -> pool.idlePids().contains(first));
            // The warm JVM that served is lent first; at most one spare besides it.
            assertThat(pool.idlePids().get(0)).isEqualTo(first);
            assertThat(pool.live()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void should_not_see_a_previous_capsules_classes_when_contexts_are_reused() throws Exception {
        try (ToolsJvmPool pool = new ToolsJvmPool(ToolsJvmPool.command().orElseThrow(), 1)) {
            awaitTrue(() -> pool.idle() >= 1);
            assertThat(pool.run(List.of(CapsuleFile.of("src/main/java/p/Helper.java",
                    "package p;\npublic class Helper {}\n")), false).checked().compiledCleanly()).isTrue();
            awaitTrue(() -> pool.idle() >= 1);

            JavaToolStages.Run run = pool.run(List.of(CapsuleFile.of("src/main/java/p/User.java",
                    "package p;\npublic class User {\n    Helper helper;\n}\n")), false);

            assertThat(run.checked().compile().passed()).isFalse();
            assertThat(run.checked().compile().findings()).anySatisfy(finding -> {
                assertThat(finding.file()).isEqualTo("src/main/java/p/User.java");
                assertThat(finding.line()).isEqualTo(3);
                assertThat(finding.message()).contains("cannot find symbol");
            });
        }
    }

    @Test
    void should_give_the_same_result_here_and_start_a_new_tools_jvm_when_one_dies() throws Exception {
        try (ToolsJvmPool pool = new ToolsJvmPool(ToolsJvmPool.command().orElseThrow(), 1)) {
            awaitTrue(() -> pool.idle() >= 1);
            long dead = pool.idlePids().get(0);
            ProcessHandle process = ProcessHandle.of(dead).orElseThrow();
            process.destroyForcibly();
            process.onExit().join();

            JavaToolStages.Run run = pool.run(CAPSULE, true);

            assertThat(run.checked().compiledCleanly()).isTrue();
            assertThat(run.analysis().join().findings()).extracting(f -> f.rule()).containsExactly("pmd.EqualsNull");
            awaitTrue(() -> pool.idle() >= 1 && !pool.idlePids().contains(dead));
        }
    }

    @Test
    void should_run_the_stages_here_when_no_tools_jvm_starts() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ToolsJvmPool pool = new ToolsJvmPool(List.of(java, "-version"), 1)) {
            JavaToolStages.Run run = pool.run(CAPSULE, true);

            assertThat(run.checked().compiledCleanly()).isTrue();
            assertThat(run.analysis().join().findings()).extracting(f -> f.rule()).containsExactly("pmd.EqualsNull");
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 120 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
