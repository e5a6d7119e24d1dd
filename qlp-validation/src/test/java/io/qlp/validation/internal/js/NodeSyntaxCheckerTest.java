package io.qlp.validation.internal.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.spi.ResourceLimits;
import io.qlp.validation.LocalProcessSandbox;
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.NetworkIsolation;
import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.script.ScratchFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The long-lived syntax checker against {@code node --check}: the same findings (line, column, message) on broken
 * files of every kind, and the guarantees of a process that serves capsule after capsule: it never runs the code,
 * runs confined, and stops serving when it hangs, dies or has served its capsules.
 */
class NodeSyntaxCheckerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ConfinedCommand.Options CONFINEMENT = new ConfinedCommand.Options(true, true, true, 1024);

    private static NodeRuntime node;
    private static NodeSyntaxChecker shared;

    @BeforeAll
    static void startChecker() throws IOException, InterruptedException {
        Optional<NodeRuntime> detected = NodeRuntime.detect();
        assumeTrue(detected.isPresent() && detected.get().majorVersion() >= NodeRuntime.MIN_MAJOR_VERSION,
                "needs Node.js 20 or newer");
        node = detected.get();
        shared = NodeSyntaxChecker.start(spec(1000));
    }

    @AfterAll
    static void stopChecker() {
        if (shared != null) {
            shared.close();
        }
    }

    /** Broken and valid sources, each checked as .cjs, as .mjs and as a .js file Node detects the kind of. */
    static Stream<Arguments> sources() {
        List<Arguments> cases = new ArrayList<>();
        List<String[]> sources = List.of(
                new String[] {"unbalanced parenthesis", "function f( {\n  return 2;\n}\n"},
                new String[] {"unterminated string", "const s = 'abc;\nconsole.log(s);\n"},
                new String[] {"unterminated template", "const t = `abc ${1}\n"},
                new String[] {"JSX-like markup", "const el = <div className=\"x\">{y}</div>;\nmodule.exports = el;\n"},
                new String[] {"shebang", "#!/usr/bin/env node\nconsole.log(1);\n"},
                new String[] {"shebang and an error", "#!/usr/bin/env node\nconsole.log(1;\n"},
                new String[] {"shebang after the first line", "\n#!/usr/bin/env node\n"},
                new String[] {"top-level await", "const x = await Promise.resolve(1);\nmodule.exports = x;\n"},
                new String[] {"import and a broken export", "import fs from 'node:fs';\nexport const x = ;\n"},
                new String[] {"import.meta", "console.log(import.meta.url);\n"},
                new String[] {"redeclared let", "let a = 1;\nlet a = 2;\n"},
                new String[] {"redeclared exports", "let exports = 1;\n"},
                new String[] {"top-level return", "return 1;\n"},
                new String[] {"HTML comment", "<!-- x\nmodule.exports = 1;\n"},
                new String[] {"legacy octal", "module.exports = 010;\n"},
                new String[] {"legacy octal in strict mode", "'use strict';\nmodule.exports = 010;\n"},
                new String[] {"bad regular expression", "const r = /(/;\n"},
                new String[] {"byte order mark", "\uFEFFconst a = 1;\nconst = 2;\n"},
                new String[] {"tabs before the error", "\t\tconst a = ;\n"},
                new String[] {"undeclared private name", "class A {}\nnew A().#x;\n"},
                new String[] {"end of input", "function f() {\n"},
                new String[] {"non-ASCII text", "const ñ = 'é';\nconst = 'ü';\n"},
                new String[] {"long line", "const a = [" + "1,".repeat(400) + " ;\n"},
                new String[] {"nesting deeper than the parser's stack", "const a = " + "[".repeat(20_000)
                        + "]".repeat(20_000) + ";\n"},
                new String[] {"valid CommonJS", "const path = require('node:path');\nmodule.exports = path.sep;\n"},
                new String[] {"valid module", "import path from 'node:path';\nexport default path.sep;\n"});
        for (String[] source : sources) {
            for (String path : List.of("src/file.cjs", "src/file.mjs", "src/file.js")) {
                cases.add(Arguments.of(source[0], path, source[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("sources")
    void should_report_what_node_check_reports_when_it_parses_a_file(String description, String path,
                                                                      String source) {
        List<CapsuleFile> files = List.of(CapsuleFile.of(path, source));

        List<Finding> withChecker = check(files, shared);
        List<Finding> withNodeCheck = check(files, null);

        assertThat(withChecker).as(description).isEqualTo(withNodeCheck);
    }

    /** The sources as .cjs and .mjs files, whose kind the extension gives. */
    static Stream<Arguments> sourcesOfAKnownKind() {
        return sources().filter(arguments -> !((String) arguments.get()[1]).endsWith(".js"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("sourcesOfAKnownKind")
    void should_decide_by_itself_when_the_parser_does_not_run_out_of_stack(String description, String path,
                                                                           String source) throws Exception {
        NodeSyntaxChecker.Answer answer = shared.parse("/checked/" + path, path.endsWith(".mjs"), source, TIMEOUT);

        if (description.startsWith("nesting")) {
            assertThat(answer.verdict()).isEqualTo(NodeSyntaxChecker.Verdict.UNDECIDED);
            assertThat(answer.text()).contains("RangeError");
        } else {
            assertThat(answer.verdict()).isNotEqualTo(NodeSyntaxChecker.Verdict.UNDECIDED);
        }
    }

    @Test
    void should_read_js_files_as_the_package_type_says_when_a_package_json_gives_one() {
        String moduleSyntax = "import fs from 'node:fs';\nexport const = fs;\n";
        for (String type : List.of("module", "commonjs")) {
            List<CapsuleFile> files = List.of(CapsuleFile.of("package.json", "{\"type\": \"" + type + "\"}"),
                    CapsuleFile.of("lib/index.js", moduleSyntax));

            List<Finding> withChecker = check(files, shared);

            assertThat(withChecker).as(type).isEqualTo(check(files, null)).hasSize(1);
        }
    }

    @Test
    void should_parse_without_running_the_code_when_the_code_would_act() throws Exception {
        String[] actions = {
            "require('node:fs').writeFileSync('ran-cjs', 'x');\nprocess.kill(process.pid, 'SIGKILL');\n",
            "import { writeFileSync } from 'node:fs';\nwriteFileSync('ran-esm', 'x');\nwhile (true) {}\n",
            "while (true) {}\n"};
        for (String action : actions) {
            assertThat(shared.parse("/checked/action.cjs", false, action, TIMEOUT).verdict())
                    .isEqualTo(action.startsWith("import") ? NodeSyntaxChecker.Verdict.DOES_NOT_PARSE
                            : NodeSyntaxChecker.Verdict.PARSES);
            assertThat(shared.parse("/checked/action.mjs", true, action, TIMEOUT).verdict())
                    .isEqualTo(NodeSyntaxChecker.Verdict.PARSES);
        }

        assertThat(shared.process().isAlive()).isTrue();
        assertThat(shared.process().descendants().map(this::workingFolder).flatMap(Optional::stream)
                .filter(folder -> Files.exists(folder.resolve("ran-cjs")) || Files.exists(folder.resolve("ran-esm"))))
                .isEmpty();
    }

    @Test
    void should_run_as_an_unprivileged_user_of_its_own_without_network_when_the_host_can_confine_it()
            throws Exception {
        assumeTrue(UserSwitch.detect().available(), "needs root and setpriv");
        assumeTrue(NetworkIsolation.detect().available(), "needs unshare -n");

        assertThat(shared.uid()).isPresent();
        assertThat(shared.networkIsolated()).isTrue();
        List<Integer> nodeUsers = shared.process().descendants()
                .filter(process -> process.info().command().map(c -> c.endsWith("node")).orElse(false))
                .map(this::realUid).flatMap(Optional::stream).toList();
        assertThat(nodeUsers).containsExactly(shared.uid().getAsInt());
    }

    @Test
    void should_stop_serving_when_no_answer_comes_within_the_timeout() throws Exception {
        try (NodeSyntaxChecker checker = NodeSyntaxChecker.start(spec(10))) {
            NodeSyntaxChecker.Answer answer = checker.parse("/checked/a.cjs", false, "const a = 1;", Duration.ZERO);

            assertThat(answer.verdict()).isEqualTo(NodeSyntaxChecker.Verdict.UNDECIDED);
            assertThat(checker.parse("/checked/b.cjs", false, "const b = 1;", TIMEOUT).verdict())
                    .isEqualTo(NodeSyntaxChecker.Verdict.UNDECIDED);
            assertThat(checker.process().isAlive()).isFalse();
            assertThat(checker.finishCapsule()).isFalse();
        }
    }

    @Test
    void should_stop_serving_when_its_process_died() throws Exception {
        try (NodeSyntaxChecker checker = NodeSyntaxChecker.start(spec(10))) {
            checker.process().descendants().forEach(ProcessHandle::destroyForcibly);
            checker.process().destroyForcibly();
            checker.process().onExit().get();

            NodeSyntaxChecker.Answer answer = checker.parse("/checked/a.cjs", false, "const a = ;", TIMEOUT);

            assertThat(answer.verdict()).isEqualTo(NodeSyntaxChecker.Verdict.UNDECIDED);
            assertThat(checker.finishCapsule()).isFalse();
        }
    }

    @Test
    void should_ask_to_be_replaced_when_it_has_served_its_capsules() throws Exception {
        try (NodeSyntaxChecker checker = NodeSyntaxChecker.start(spec(2))) {
            checker.parse("/checked/a.cjs", false, "const a = 1;", TIMEOUT);
            boolean afterFirst = checker.finishCapsule();
            checker.parse("/checked/b.cjs", false, "const b = 1;", TIMEOUT);
            boolean afterSecond = checker.finishCapsule();

            assertThat(afterFirst).isTrue();
            assertThat(afterSecond).isFalse();
        }
    }

    @Test
    void should_leave_a_file_to_node_check_when_it_is_too_large_for_one_request() throws Exception {
        String large = "// " + "x".repeat(NodeSyntaxChecker.MAX_SOURCE_BYTES) + "\n";

        NodeSyntaxChecker.Answer answer = shared.parse("/checked/large.cjs", false, large, TIMEOUT);

        assertThat(answer.verdict()).isEqualTo(NodeSyntaxChecker.Verdict.UNDECIDED);
        assertThat(shared.parse("/checked/small.cjs", false, "const a = 1;", TIMEOUT).verdict())
                .isEqualTo(NodeSyntaxChecker.Verdict.PARSES);
    }

    private static NodeSyntaxCheckerSpec spec(int maxCapsules) {
        return new NodeSyntaxCheckerSpec(node, ResourceLimits.defaults(), CONFINEMENT, Duration.ofSeconds(60),
                maxCapsules);
    }

    /** The findings of the syntax stage on {@code files}, with the checker or with {@code node --check} alone. */
    private static List<Finding> check(List<CapsuleFile> files, NodeSyntaxChecker checker) {
        try (ScratchFolder scratch = ScratchFolder.create("qlp-syntax-test-", files)) {
            // node --check reads the copies in the run folder, which only the host's user can reach.
            NodeSyntaxStage stage = new NodeSyntaxStage(LocalProcessSandbox.builder().build(), node, TIMEOUT,
                    ResourceLimits.defaults(), checker);
            return stage.check(scratch, files);
        }
    }

    private Optional<Path> workingFolder(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Integer> realUid(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst()
                    .map(line -> Integer.parseInt(line.split("\\s+")[1]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
