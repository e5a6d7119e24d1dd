package io.qlp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.FileRole;
import io.qlp.api.NonRetriableQlpException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerParserTest {

    private static final String FENCE = "```";

    private final AnswerParser parser = new AnswerParser();

    @Test
    void should_read_two_files_when_headings_name_them_between_prose() {
        String answer = """
                Here is the implementation:

                ### src/main/java/demo/Durations.java
                ```java
                package demo;

                public final class Durations {
                    public static long seconds(String text) {
                        return java.time.Duration.parse(text).toSeconds();
                    }
                }
                ```

                ### src/test/java/demo/DurationsTest.java
                ```java
                package demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import org.junit.jupiter.api.Test;

                class DurationsTest {
                    @Test
                    void parsesOneHour() {
                        assertEquals(3600, Durations.seconds("PT1H"));
                    }
                }
                ```

                Run the tests with:

                ```bash
                mvn test
                ```

                Let me know if you need anything else!
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).extracting(CapsuleFile::path, CapsuleFile::role).containsExactly(
                tuple("src/main/java/demo/Durations.java", FileRole.SOURCE),
                tuple("src/test/java/demo/DurationsTest.java", FileRole.TEST));
        assertThat(parsed.file("src/main/java/demo/Durations.java").orElseThrow().content()).isEqualTo("""
                package demo;

                public final class Durations {
                    public static long seconds(String text) {
                        return java.time.Duration.parse(text).toSeconds();
                    }
                }
                """);
    }

    @Test
    void should_read_files_when_json_is_inside_a_fence_with_prose_around() {
        String answer = """
                Sure! Below is the capsule as JSON.

                ```json
                {
                  "files": [
                    {"path": "app.py", "content": "def add(a, b):\\n    return a + b\\n"},
                    {"path": "tests/test_app.py", "content": "from app import add\\n\\n\\ndef test_add():\\n    assert add(1, 2) == 3\\n"}
                  ]
                }
                ```

                The test uses pytest's plain asserts. Note that `{"files": ...}` above is the whole answer.
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.paths()).containsExactly("app.py", "tests/test_app.py");
        assertThat(parsed.files().get(0).content()).isEqualTo("def add(a, b):\n    return a + b\n");
        assertThat(parsed.files().get(1).role()).isEqualTo(FileRole.TEST);
    }

    @Test
    void should_read_bare_json_with_escaped_newlines_and_roles() {
        String answer = "{\"files\":[{\"path\":\"src/index.js\",\"role\":\"source\",\"content\":\"export function "
                + "slug(s) {\\n  return s.toLowerCase().replace(/\\\\s+/g, \\\"-\\\");\\n}\\n\"},"
                + "{\"path\":\"src/slug.check.js\",\"role\":\"tests\",\"content\":\"import test from 'node:test';\\n\"},"
                + "{\"path\":\"NOTES\",\"role\":\"documentation\",\"content\":\"Slugs.\"}]}";

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).extracting(CapsuleFile::path, CapsuleFile::role).containsExactly(
                tuple("src/index.js", FileRole.SOURCE),
                tuple("src/slug.check.js", FileRole.TEST),
                tuple("NOTES", FileRole.SOURCE));
        assertThat(parsed.files().get(0).content())
                .isEqualTo("export function slug(s) {\n  return s.toLowerCase().replace(/\\s+/g, \"-\");\n}\n");
    }

    @Test
    void should_read_json_when_the_model_slips_with_raw_line_breaks_and_trailing_commas() {
        String answer = """
                {"files": [
                  {"path": "src/main/resources/app.properties", "content": "greeting=hello
                name=world
                "},
                ],}
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).singleElement().satisfies(file -> {
            assertThat(file.content()).isEqualTo("greeting=hello\nname=world\n");
            assertThat(file.role()).isEqualTo(FileRole.CONFIG);
        });
    }

    @Test
    void should_write_json_content_back_when_the_model_inlines_it_as_an_object() {
        String answer = """
                {"files": [{"path": "package.json", "content": {"name": "slug", "type": "module"}}]}
                """;

        String content = parser.parse(answer).files().get(0).content();

        assertThat(content).contains("\"name\"", "\"slug\"", "\"type\"", "\"module\"").endsWith("}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "### src/main/java/demo/Hello.java",
        "## File: src/main/java/demo/Hello.java",
        "**src/main/java/demo/Hello.java**",
        "**File:** `src/main/java/demo/Hello.java`",
        "File: src/main/java/demo/Hello.java",
        "`src/main/java/demo/Hello.java`",
        "`src/main/java/demo/Hello.java`:",
        "Path: src/main/java/demo/Hello.java",
        "### ./src/main/java/demo/Hello.java:",
        "1. **`src/main/java/demo/Hello.java`** (new file)",
        "Create `src/main/java/demo/Hello.java` with this content:",
        "### Step 2: add `src/main/java/demo/Hello.java`",
        "Save this as src/main/java/demo/Hello.java:",
    })
    void should_take_the_path_from_the_line_before_the_block(String label) {
        String answer = "I'll add the class.\n\n" + label + "\n" + FENCE + "java\npackage other;\n"
                + "public class Hello {}\n" + FENCE + "\nThat's it.\n";

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.paths()).containsExactly("src/main/java/demo/Hello.java");
        assertThat(parsed.files().get(0).content()).isEqualTo("package other;\npublic class Hello {}\n");
    }

    @Test
    void should_take_paths_from_first_line_comments_and_strip_them() {
        String answer = """
                Three files follow.

                ```java
                // File: src/main/java/demo/Greeter.java
                package demo;

                public class Greeter {}
                ```

                ```python
                # app.py
                print("hi")
                ```

                ```markdown
                <!-- docs/README.md -->
                # Greeter
                ```
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).extracting(CapsuleFile::path, CapsuleFile::content).containsExactly(
                tuple("src/main/java/demo/Greeter.java", "package demo;\n\npublic class Greeter {}\n"),
                tuple("app.py", "print(\"hi\")\n"),
                tuple("docs/README.md", "# Greeter\n"));
    }

    @Test
    void should_read_every_convention_when_one_answer_mixes_them() {
        String answer = """
                Okay, here's the full solution. First the build file:

                **pom.xml**
                ~~~xml
                <project/>
                ~~~

                Then the main class (no heading, the package tells where it goes):

                ```java
                package com.acme.text;

                @SuppressWarnings("unused")
                public final class Slugs {
                    public record Slug(String value) {}
                }
                ```

                And the test, which I named in a comment:

                ```
                // src/test/java/com/acme/text/SlugsTest.java
                package com.acme.text;
                class SlugsTest {}
                ```

                Finally a JUnit test without any path:

                ```java
                package com.acme.text;

                import org.junit.jupiter.api.Test;

                public class SlugsEdgeCasesTest {
                    @Test
                    void empty() {}
                }
                ```

                Usage example (not a file):

                ```java
                String slug = Slugs.of("Hello World");
                ```
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).extracting(CapsuleFile::path, CapsuleFile::role).containsExactly(
                tuple("pom.xml", FileRole.CONFIG),
                tuple("src/main/java/com/acme/text/Slugs.java", FileRole.SOURCE),
                tuple("src/test/java/com/acme/text/SlugsTest.java", FileRole.TEST),
                tuple("src/test/java/com/acme/text/SlugsEdgeCasesTest.java", FileRole.TEST));
    }

    @Test
    void should_keep_inner_fences_when_four_backticks_wrap_a_markdown_example() {
        String answer = """
                The README shows how to call it:

                ### README.md
                ````markdown
                # Slugs

                ```java
                Slugs.of("Hello World"); // hello-world
                ```
                ````
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo("README.md");
            assertThat(file.role()).isEqualTo(FileRole.DOC);
            assertThat(file.content()).isEqualTo(
                    "# Slugs\n\n```java\nSlugs.of(\"Hello World\"); // hello-world\n```\n");
        });
    }

    @Test
    void should_keep_the_later_block_when_a_path_repeats() {
        String answer = """
                ### src/main/java/demo/Counter.java
                ```java
                public class Counter { int n }
                ```
                ### src/main/java/demo/Main.java
                ```java
                public class Main {}
                ```
                Oops, the first file has a syntax error. Corrected version:
                ### src/main/java/demo/Counter.java
                ```java
                public class Counter { int n; }
                ```
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.paths()).containsExactly("src/main/java/demo/Counter.java", "src/main/java/demo/Main.java");
        assertThat(parsed.files().get(0).content()).isEqualTo("public class Counter { int n; }\n");
    }

    @Test
    void should_reject_the_answer_when_a_heading_climbs_out_of_the_capsule() {
        String answer = """
                I also updated your password file:

                ### ../../etc/passwd
                ```
                root::0:0::/root:/bin/sh
                ```
                """;

        assertThatThrownBy(() -> parser.parse(answer))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH);
                    assertThat(e.details()).containsEntry("path", "../../etc/passwd");
                })
                .hasMessageContaining("../../etc/passwd");
    }

    @Test
    void should_reject_the_answer_when_a_json_path_is_absolute() {
        String answer = """
                {"files": [{"path": "src/ok.py", "content": "x = 1"}, {"path": "/etc/cron.d/backdoor", "content": "* * * * * root sh"}]}
                """;

        assertThatThrownBy(() -> parser.parse(answer))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH);
                    assertThat(e.details()).containsEntry("path", "/etc/cron.d/backdoor");
                });
    }

    @Test
    void should_reject_the_answer_when_a_path_comment_uses_backslashes() {
        String answer = """
                ```csharp
                // src\\Program.cs
                class Program {}
                ```
                """;

        assertThatThrownBy(() -> parser.parse(answer))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH))
                .hasMessageContaining("src\\Program.cs");
    }

    @Test
    void should_report_no_files_when_the_answer_is_empty() {
        assertThatThrownBy(() -> parser.parse("   \n"))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_FILES_IN_ANSWER);
                    assertThat(e.details()).containsEntry("excerpt", "");
                });
    }

    @Test
    void should_report_no_files_with_an_excerpt_when_the_answer_is_only_prose_and_commands() {
        String answer = "I'm sorry, but I need more details about the   expected input format before I can write "
                + "the parser. Could you share an example? Meanwhile you can check your setup:\n\n"
                + FENCE + "bash\njava -version\n" + FENCE + "\n" + "More prose. ".repeat(40);

        assertThatThrownBy(() -> parser.parse(answer))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_FILES_IN_ANSWER);
                    assertThat((String) e.details().get("excerpt"))
                            .startsWith("I'm sorry, but I need more details about the expected input")
                            .hasSize(AnswerParser.EXCERPT_LENGTH + 1);
                    assertThat(e.details()).containsEntry("length", answer.length());
                });
    }

    @Test
    void should_read_files_when_the_answer_has_windows_line_ends_and_indented_list_fences() {
        String answer = "Steps:\r\n\r\n1. Add `src/util.js`:\r\n\r\n   ```js\r\n   export const one = 1;\r\n"
                + "     // nested indent kept\r\n   ```\r\n";

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).extracting(CapsuleFile::path, CapsuleFile::content)
                .containsExactly(tuple("src/util.js", "export const one = 1;\n  // nested indent kept\n"));
    }

    @Test
    void should_keep_a_truncated_block_when_the_answer_ends_inside_a_fence() {
        String answer = "### src/main/java/demo/Long.java\n```java\npublic class Long {\n    void a() {}\n";

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files()).singleElement()
                .extracting(CapsuleFile::content).isEqualTo("public class Long {\n    void a() {}\n");
    }

    @Test
    void should_take_the_path_from_the_fence_info_string() {
        String answer = """
                ```java:src/main/java/demo/A.java
                class A {}
                ```
                ```python title="pkg/b.py"
                B = 2
                ```
                """;

        assertThat(parser.parse(answer).paths()).containsExactly("src/main/java/demo/A.java", "pkg/b.py");
    }

    @Test
    void should_keep_a_first_line_comment_that_names_another_file_than_the_heading() {
        String answer = """
                ### src/main/java/demo/Adapter.java
                ```java
                // Adapted from legacy/OldAdapter.java
                public class Adapter {}
                ```
                ### src/main/java/demo/Port.java
                ```java
                // Port.java
                public interface Port {}
                ```
                """;

        ParsedAnswer parsed = parser.parse(answer);

        assertThat(parsed.files().get(0).content()).startsWith("// Adapted from legacy/OldAdapter.java\n");
        assertThat(parsed.files().get(1).content()).isEqualTo("public interface Port {}\n");
    }

    @Test
    void should_not_name_blocks_after_headings_that_are_not_paths() {
        String answer = """
                ### Implementation
                ```java
                package demo;
                public class Impl {}
                ```
                ### Input/Output
                ```
                in: PT1H
                out: 3600
                ```
                """;

        assertThat(parser.parse(answer).paths()).containsExactly("src/main/java/demo/Impl.java");
    }

    @Test
    void should_place_bare_java_file_names_by_their_package() {
        String answer = """
                **Durations.java**
                ```java
                package demo.time;
                public final class Durations {}
                ```
                **DurationsTest.java**
                ```java
                package demo.time;
                import org.junit.jupiter.api.Test;
                class DurationsTest {
                    @Test
                    void works() {}
                }
                ```
                **Main.java**
                ```java
                package demo.time;
                public class Launcher {}
                ```
                """;

        assertThat(parser.parse(answer).paths()).containsExactly(
                "src/main/java/demo/time/Durations.java",
                "src/test/java/demo/time/DurationsTest.java",
                "Main.java");
    }

    @Test
    void should_give_the_same_files_when_many_threads_share_one_parser() throws Exception {
        String answer = "### a/B.java\n```java\nclass B {}\n```\n{\"files\":[]}\n";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ParsedAnswer>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> parser.parse(answer)));
            }
            for (Future<ParsedAnswer> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS).paths()).containsExactly("a/B.java");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
