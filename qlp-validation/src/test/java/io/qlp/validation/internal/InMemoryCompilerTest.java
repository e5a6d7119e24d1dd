package io.qlp.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleFile;
import java.util.List;
import javax.tools.JavaCompiler;
import org.junit.jupiter.api.Test;

class InMemoryCompilerTest {

    @Test
    void should_return_the_same_compiler_every_time_so_file_managers_are_found_again() {
        assertThat(InMemoryCompiler.systemCompiler()).containsSame(InMemoryCompiler.systemCompiler().orElseThrow());
    }

    @Test
    void should_open_at_most_one_file_manager_when_capsules_are_compiled_one_after_another() throws Exception {
        JavaCompiler compiler = InMemoryCompiler.systemCompiler().orElseThrow();
        List<java.nio.file.Path> classpath = JUnitJars.compileClasspath();
        InMemoryCompiler.compile(compiler, List.of(CapsuleFile.of("src/main/java/W.java", "class W {}")), classpath);
        int before = InMemoryCompiler.fileManagersOpened();

        for (int i = 0; i < 5; i++) {
            CompiledClasses compiled = InMemoryCompiler.compile(compiler, List.of(CapsuleFile.of(
                    "src/main/java/A.java", "class A { int f() { return " + i + "; } }")), classpath);
            assertThat(compiled.succeeded()).isTrue();
            assertThat(compiled.classes()).containsKey("A");
        }

        assertThat(InMemoryCompiler.fileManagersOpened()).isEqualTo(before);
    }

    @Test
    void should_leave_out_release_when_the_running_jdk_is_release_17() {
        assertThat(InMemoryCompiler.options(17)).doesNotContain("--release")
                .contains("-proc:none", "-g");
    }

    @Test
    void should_pass_release_17_when_the_running_jdk_is_newer() {
        assertThat(InMemoryCompiler.options(25)).containsSequence("--release", "17").contains("-proc:none", "-g");
    }

    @Test
    void should_reject_a_package_the_platform_does_not_export_without_release() throws Exception {
        CompiledClasses compiled = InMemoryCompiler.compile(InMemoryCompiler.systemCompiler().orElseThrow(),
                List.of(CapsuleFile.of("src/main/java/A.java",
                        "class A { Object f() { return jdk.internal.misc.Unsafe.getUnsafe(); } }")),
                JUnitJars.compileClasspath());

        assertThat(compiled.succeeded()).isFalse();
        assertThat(compiled.findings()).anySatisfy(finding -> assertThat(finding.message()).contains("jdk.internal.misc"));
    }
}
