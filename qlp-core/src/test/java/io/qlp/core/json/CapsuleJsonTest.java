package io.qlp.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Severity;
import io.qlp.api.StageResult;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapsuleJsonTest {

    private static final Instant CREATED = Instant.parse("2026-03-04T05:06:07.123Z");

    @Test
    void should_read_back_an_equal_capsule_when_written_pretty_or_compact() {
        Capsule capsule = fullCapsule();

        assertThat(CapsuleJson.readCapsule(CapsuleJson.write(capsule))).isEqualTo(capsule);
        assertThat(CapsuleJson.readCapsule(CapsuleJson.writeCompact(capsule))).isEqualTo(capsule);
    }

    @Test
    void should_read_attempts_without_errors_when_the_capsule_was_written_before_attempts_kept_them() {
        String written = CapsuleJson.writeCompact(fullCapsule());
        String older = written.replaceAll(",\\\"errors\\\":\\[[^\\]]*\\]", "");

        Capsule read = CapsuleJson.readCapsule(older);

        assertThat(older).doesNotContain("\"errors\"");
        assertThat(read.attempts()).hasSize(2).allSatisfy(attempt -> assertThat(attempt.errors()).isEmpty());
        assertThat(CapsuleJson.readCapsule(written).attempts().get(0).errors()).singleElement()
                .satisfies(error -> assertThat(error.line()).isEqualTo(2));
    }

    @Test
    void should_return_the_kept_text_when_the_same_capsule_instance_is_written_compact_again() {
        Capsule capsule = fullCapsule();
        String first = CapsuleJson.writeCompact(capsule);
        Capsule renamed = capsule.toBuilder().id("another-id").build();

        assertThat(CapsuleJson.writeCompact(capsule)).isSameAs(first);
        assertThat(CapsuleJson.writeCompact(fullCapsule())).isEqualTo(first);
        assertThat(CapsuleJson.readCapsule(CapsuleJson.writeCompact(renamed)).id()).isEqualTo("another-id");
    }

    @Test
    void should_write_language_ids_iso_instants_plain_decimals_and_enum_names() throws Exception {
        JsonNode tree = CapsuleJson.mapper().readTree(CapsuleJson.writeCompact(fullCapsule()));

        assertThat(tree.at("/request/language").asText()).isEqualTo("python");
        assertThat(tree.at("/manifest/languages/0").asText()).isEqualTo("python");
        assertThat(tree.at("/manifest/createdAt").asText()).isEqualTo("2026-03-04T05:06:07.123Z");
        assertThat(tree.at("/status").asText()).isEqualTo("FAILED_VALIDATION");
        assertThat(tree.at("/attempts/0/tier").asText()).isEqualTo("T0");
        assertThat(tree.at("/validation/stages/1/findings/0/severity").asText()).isEqualTo("ERROR");
        assertThat(tree.at("/usage/perTier/0/costUsd").isNumber()).isTrue();
        assertThat(CapsuleJson.writeCompact(fullCapsule())).contains("\"costUsd\":0.00000051");
    }

    @Test
    void should_leave_out_nulls_and_sort_map_keys() {
        String json = CapsuleJson.writeCompact(fullCapsule());

        assertThat(json).doesNotContain("null").doesNotContain("tierOverride");
        assertThat(json.indexOf("\"alpha\"")).isLessThan(json.indexOf("\"middle\""));
        assertThat(json.indexOf("\"middle\"")).isLessThan(json.indexOf("\"zulu\""));
    }

    @Test
    void should_pretty_print_with_unix_line_ends_when_writing_a_manifest() {
        String json = CapsuleJson.writeManifest(fullCapsule().manifest());

        assertThat(json).startsWith("{\n  \"").contains("\"formatVersion\": \"1\"").doesNotContain("\r");
        assertThat(json).contains("\"languages\": [\n    \"python\"\n  ]");
    }

    @Test
    void should_read_back_an_equal_manifest() {
        Manifest manifest = fullCapsule().manifest();

        assertThat(CapsuleJson.readManifest(CapsuleJson.writeManifest(manifest))).isEqualTo(manifest);
    }

    @Test
    void should_write_the_passed_flag_and_ignore_it_when_reading_a_report() throws Exception {
        ValidationReport report = fullCapsule().validation();

        String json = CapsuleJson.writeReport(report);

        assertThat(CapsuleJson.mapper().readTree(json).get("passed").asBoolean()).isFalse();
        assertThat(CapsuleJson.readReport(json)).isEqualTo(report);
        assertThat(CapsuleJson.readReport("{\"passed\": true, \"stages\": []}").passed()).isFalse();
    }

    @Test
    void should_accept_unknown_fields_and_language_aliases_when_reading_a_manifest() {
        String json = """
                {"formatVersion": "1", "createdAt": "2026-01-01T00:00:00Z", "languages": ["JAVA", "py"],
                 "sha256": {"b.py": "bb", "a.py": "aa"}, "tiersUsed": ["T2"], "generatorVersion": "9.9.9",
                 "addedInAFutureVersion": {"x": 1}}
                """;

        Manifest manifest = CapsuleJson.readManifest(json);

        assertThat(manifest.languages()).containsExactly(Language.JAVA, Language.PYTHON);
        assertThat(manifest.sha256()).containsExactly(
                entry("a.py", "aa"),
                entry("b.py", "bb"));
    }

    @Test
    void should_throw_invalid_request_naming_the_line_when_json_is_malformed() {
        assertThatThrownBy(() -> CapsuleJson.readCapsule("{\n\"id\": \"x\",\n\"files\": [}"))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.details()).containsEntry("document", "capsule").containsEntry("line", 3);
                });
    }

    @Test
    void should_throw_unknown_language_as_invalid_request_when_reading() {
        String json = CapsuleJson.writeManifest(fullCapsule().manifest()).replace("\"python\"", "\"cobol\"");

        assertThatThrownBy(() -> CapsuleJson.readManifest(json))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("cobol");
    }

    @Test
    void should_keep_the_unsafe_path_error_when_a_capsule_names_an_unsafe_path() {
        String json = CapsuleJson.write(fullCapsule()).replace("\"app.py\"", "\"../app.py\"");

        assertThatThrownBy(() -> CapsuleJson.readCapsule(json))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH);
                    assertThat(e.details()).containsEntry("path", "../app.py");
                });
    }

    private static Capsule fullCapsule() {
        List<CapsuleFile> files = List.of(
                CapsuleFile.of("app.py", "def add(a, b):\n    return a + b  # naïve π\n"),
                CapsuleFile.of("tests/test_app.py", "from app import add\n"));
        CapsuleRequest request = CapsuleRequest.builder()
                .description("An add function with tests")
                .requirement("handle negative numbers")
                .constraint("standard library only")
                .language(Language.PYTHON)
                .framework("pytest")
                .budgetUsd(new BigDecimal("0.25"))
                .metadata("zulu", "z")
                .metadata("alpha", "a")
                .metadata("middle", "m")
                .build();
        ValidationReport report = new ValidationReport(List.of(
                StageResult.of("syntax", List.of(), 5),
                StageResult.of("test", List.of(
                        Finding.error("test", "tests/test_app.py", 3, 0, "AssertionError", "assert 2 == 3"),
                        new Finding("test", Severity.INFO, null, 0, 0, "summary", "1 failed")), 812)));
        return Capsule.builder()
                .id("c-42")
                .request(request)
                .files(files)
                .manifest(new Manifest(Manifest.FORMAT_VERSION, CREATED, List.of(Language.PYTHON),
                        Manifests.hashes(files), List.of(Tier.T0, Tier.T2), "0.1.0"))
                .validation(report)
                .attempts(List.of(new AttemptRecord(1, Tier.T0, false, 1, "initial route: simple request",
                                List.of(Finding.error("compile", "app.py", 2, 5, "SyntaxError", "invalid syntax"))),
                        new AttemptRecord(2, Tier.T2, false, 1, "escalated: same error twice")))
                .usage(new Usage(List.of(new TierUsage(Tier.T0, 1, 90, 120, new BigDecimal("0.00000051")),
                        new TierUsage(Tier.T2, 2, 900, 1500, new BigDecimal("0.0310")))))
                .status(CapsuleStatus.FAILED_VALIDATION)
                .build();
    }
}
