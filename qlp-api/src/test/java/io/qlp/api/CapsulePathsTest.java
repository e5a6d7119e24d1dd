package io.qlp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapsulePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "src/../../x", "C:\\\\x.java", "~/x", "a//b", "./a",
        "src\\\\Foo.java", ""})
    void should_reject_a_path_that_could_leave_the_capsule_naming_it(String path) {
        assertThatThrownBy(() -> CapsulePaths.requireSafe(path))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH);
                    assertThat(e.details()).containsEntry("path", path);
                });
        assertThatThrownBy(() -> CapsuleFile.of(path, "x")).isInstanceOf(NonRetriableQlpException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/java/Foo.java", "app.py", "a/b/c.test.js", "docs/README.md", "a..b/c.txt"})
    void should_accept_a_relative_path_inside_the_capsule(String path) {
        assertThat(CapsulePaths.requireSafe(path)).isEqualTo(path);
    }
}
