package io.qlp.validation.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #3's promise: {@code qlp validate} on an ordinary Maven, pytest or node:test folder gives the verdict of that
 * ecosystem's own test command. For every folder of the corpus ({@link EcosystemCases}) the ecosystem's command runs
 * on a copy ({@link EcosystemCommands}) and QLP validates the folder as {@code qlp validate} does
 * ({@link QlpVerdicts}); the two verdicts must agree, and each must be the one the folder was written for, so a
 * folder that passes on both sides by accident is caught too.
 *
 * <p>The one deliberate difference: QLP fails a folder in which no test ran. pytest agrees (it exits with 5), but
 * {@code node --test} and {@code mvn test} exit with 0 when they find no test; those cases are marked
 * {@link EcosystemCase#qlpStricter} and assert that QLP fails them while the ecosystem passes them.
 */
class EcosystemVerdictAgreementTest {

    private static CaseFolders folders;
    private static QlpVerdicts qlp;
    private static Map<String, RunVerdict> mavenVerdicts;
    private static final EcosystemCommands COMMANDS = new EcosystemCommands();

    @BeforeAll
    static void prepare() throws IOException {
        folders = CaseFolders.open();
        qlp = new QlpVerdicts();
    }

    @AfterAll
    static void removeCopies() {
        folders.close();
    }

    static Stream<EcosystemCase> cases() {
        return EcosystemCases.all().stream();
    }

    @Test
    void should_list_every_folder_of_the_corpus_as_a_case_when_the_corpus_is_read() throws IOException {
        for (Ecosystem ecosystem : Ecosystem.values()) {
            List<String> listed = EcosystemCases.of(ecosystem).stream().map(EcosystemCase::name).sorted().toList();
            assertThat(folders.folderNames(ecosystem)).as("case folders of %s", ecosystem).isEqualTo(listed);
        }
    }

    @Test
    void should_hold_passing_and_failing_folders_for_every_ecosystem_when_the_corpus_is_read() {
        EnumSet<Ecosystem> withPassing = EnumSet.noneOf(Ecosystem.class);
        EnumSet<Ecosystem> withFailing = EnumSet.noneOf(Ecosystem.class);
        EcosystemCases.all().forEach(c -> (c.qlpPasses() ? withPassing : withFailing).add(c.ecosystem()));

        assertThat(withPassing).containsExactlyInAnyOrder(Ecosystem.values());
        assertThat(withFailing).containsExactlyInAnyOrder(Ecosystem.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_give_the_verdict_of_the_ecosystems_own_test_command_when_validating_an_ordinary_folder(
            EcosystemCase ecosystemCase) throws IOException, InterruptedException {
        RunVerdict ecosystem = ecosystemVerdict(ecosystemCase);
        QlpVerdicts.Result result = qlp.validate(folders.original(ecosystemCase));

        assertThat(ecosystem.passed())
                .as("%s: %s should %s it (%s); it gave %s", ecosystemCase, ecosystemCase.ecosystem().command(),
                        ecosystemCase.ecosystemPasses() ? "pass" : "fail", ecosystemCase.designedFor(), ecosystem)
                .isEqualTo(ecosystemCase.ecosystemPasses());
        assertThat(result.language()).as("%s: detected language", ecosystemCase)
                .isEqualTo(ecosystemCase.ecosystem().language());
        assertThat(result.verdict().passed())
                .as("%s: qlp validate gave %s where %s gave %s%s; QLP's findings:%n  %s", ecosystemCase,
                        result.verdict().word(), ecosystemCase.ecosystem().command(), ecosystem.word(),
                        ecosystemCase.deliberateDifference().map(why -> " (QLP should fail it: " + why + ")")
                                .orElse(""),
                        result.verdict().evidence())
                .isEqualTo(ecosystemCase.qlpPasses());
    }

    private static RunVerdict ecosystemVerdict(EcosystemCase ecosystemCase) throws IOException, InterruptedException {
        return switch (ecosystemCase.ecosystem()) {
            case PYTHON -> COMMANDS.pytest(folders.copyOf(ecosystemCase, "python"));
            case JAVASCRIPT -> COMMANDS.nodeTest(folders.copyOf(ecosystemCase, "javascript"));
            case JAVA -> mavenVerdicts().get(ecosystemCase.name());
        };
    }

    /** Every Java case's Maven verdict, from one reactor build run the first time a Java case needs it. */
    private static synchronized Map<String, RunVerdict> mavenVerdicts() throws IOException, InterruptedException {
        if (mavenVerdicts == null) {
            List<EcosystemCase> javaCases = EcosystemCases.of(Ecosystem.JAVA);
            for (EcosystemCase javaCase : javaCases) {
                folders.copyOf(javaCase, "java");
            }
            mavenVerdicts = COMMANDS.mavenTest(folders.scratchFolder("java"),
                    javaCases.stream().map(EcosystemCase::name).toList());
        }
        return mavenVerdicts;
    }
}
