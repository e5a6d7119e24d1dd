package io.qlp.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntaxCheckerTest {

    @Test
    void should_keep_the_first_expected_tokens_and_count_the_rest_when_javaparser_lists_many() {
        List<Finding> findings = SyntaxChecker.check(List.of(CapsuleFile.of("src/main/java/A.java",
                "class A {\n    int f() {\n        return 1 +;\n    }\n}\n")));

        assertThat(findings).first().satisfies(finding -> {
            assertThat(finding.line()).isEqualTo(3);
            assertThat(finding.message()).startsWith("Parse error. Found \";\"")
                    .contains("expected one of").containsPattern("\\(and \\d+ more\\)$")
                    .doesNotContain("Problem stacktrace");
        });
    }

    @Test
    void should_leave_a_short_message_as_it_is() {
        assertThat(SyntaxChecker.readable("Parse error. Found \"}\", expected \";\""))
                .isEqualTo("Parse error. Found \"}\", expected \";\"");
    }
}
