package io.qlp.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.FileChange;
import io.qlp.api.FileRole;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import io.qlp.api.VersionMetadata;
import io.qlp.core.CompositeValidator;
import io.qlp.core.json.Manifests;
import io.qlp.core.store.jdbc.JdbcCapsuleStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions that apply the submitted changes, validated by the real Java validator, on the embedded store. */
class CapsuleVersioningTest {

    static final String GREETER = """
            package demo;

            public final class Greeter {
                public static String greet(String name) {
                    return "Hello, " + name;
                }
            }
            """;
    static final String GREETER_TEST = """
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;

            class GreeterTest {
                @Test
                void greets() { assertEquals("Hello, Ada", Greeter.greet("Ada")); }
            }
            """;

    @TempDir
    Path dataDir;
    JdbcCapsuleStore store;
    CapsuleVersioning versioning;

    @BeforeEach
    void open() {
        store = JdbcCapsuleStore.embedded(dataDir);
        versioning = CapsuleVersioning.builder().store(store).validator(CompositeValidator.discover()).build();
        store.save(greeter(), VersionMetadata.of("qlp", "generated"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Capsule greeter() {
        List<CapsuleFile> files = List.of(CapsuleFile.of("src/main/java/demo/Greeter.java", GREETER),
                CapsuleFile.of("src/test/java/demo/GreeterTest.java", GREETER_TEST),
                CapsuleFile.of("NOTES.txt", "first notes\n"));
        return Capsule.builder().id("greeter").request(CapsuleRequest.builder().description("A greeter").build())
                .files(files)
                .manifest(new Manifest(Manifest.FORMAT_VERSION, Instant.parse("2026-01-02T03:04:05Z"),
                        List.of(Language.JAVA), Manifests.hashes(files), List.of(Tier.T0), "test"))
                .validation(ValidationReport.empty()).attempts(List.of(new AttemptRecord(1, Tier.T0, true, 0, "r")))
                .usage(Usage.none()).status(CapsuleStatus.VALIDATED).build();
    }

    @Test
    void should_apply_every_kind_of_change_revalidate_and_store_a_child_version() {
        ChangeSet changes = ChangeSet.of(List.of(
                FileChange.modify("src/main/java/demo/Greeter.java", GREETER.replace("Hello, ", "Hi, ")),
                FileChange.modify("src/test/java/demo/GreeterTest.java", GREETER_TEST.replace("Hello, Ada", "Hi, Ada")),
                FileChange.rename("NOTES.txt", "docs/NOTES.md"),
                FileChange.create("docs/USAGE.md", "Call Greeter.greet(name).\n"))).basedOn(1);

        VersionedCapsule v2 = versioning.createVersion("greeter", changes, VersionMetadata.of("ada", "say hi"));

        assertThat(v2.version().number()).isEqualTo(2);
        assertThat(v2.version().parent()).isEqualTo(1);
        assertThat(v2.capsule().status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(v2.capsule().validation().stages()).extracting(s -> s.name()).contains("compile");
        assertThat(v2.capsule().files()).extracting(CapsuleFile::path).containsExactly(
                "src/main/java/demo/Greeter.java", "src/test/java/demo/GreeterTest.java", "docs/NOTES.md",
                "docs/USAGE.md");
        assertThat(v2.capsule().file("docs/NOTES.md").orElseThrow().role()).isEqualTo(FileRole.DOC);
        assertThat(v2.capsule().manifest().sha256()).isEqualTo(Manifests.hashes(v2.capsule().files()));
        assertThat(store.find("greeter")).contains(v2.capsule());
        assertThat(versioning.history("greeter")).extracting(CapsuleVersion::number, CapsuleVersion::author)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "qlp"),
                        org.assertj.core.groups.Tuple.tuple(2, "ada"));

        List<FileDiff> diff = versioning.diff("greeter", 1, 2);
        assertThat(diff).extracting(FileDiff::kind, FileDiff::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FileDiff.Kind.RENAMED, "docs/NOTES.md"),
                org.assertj.core.groups.Tuple.tuple(FileDiff.Kind.ADDED, "docs/USAGE.md"),
                org.assertj.core.groups.Tuple.tuple(FileDiff.Kind.MODIFIED, "src/main/java/demo/Greeter.java"),
                org.assertj.core.groups.Tuple.tuple(FileDiff.Kind.MODIFIED, "src/test/java/demo/GreeterTest.java"));
        assertThat(diff.get(2).unifiedDiff()).isEqualTo("""
                --- a/src/main/java/demo/Greeter.java (version 1)
                +++ b/src/main/java/demo/Greeter.java (version 2)
                @@ -2,6 +2,6 @@
                \s
                 public final class Greeter {
                     public static String greet(String name) {
                -        return "Hello, " + name;
                +        return "Hi, " + name;
                     }
                 }
                """);
        assertThat(diff.get(0).previousPath()).isEqualTo("NOTES.txt");
    }

    @Test
    void should_store_a_failing_version_when_the_change_breaks_the_build() {
        VersionedCapsule broken = versioning.createVersion("greeter", ChangeSet.of(List.of(
                FileChange.modify("src/main/java/demo/Greeter.java", GREETER.replace("+ name;", "+ name")))),
                VersionMetadata.of("bob", "oops"));

        assertThat(broken.capsule().status()).isEqualTo(CapsuleStatus.FAILED_VALIDATION);
        assertThat(broken.capsule().validation().errors()).isNotEmpty();
        assertThat(store.history("greeter")).hasSize(2);
    }

    @Test
    void should_raise_a_conflict_when_a_touched_file_changed_since_the_base_version() {
        versioning.createVersion("greeter", ChangeSet.of(List.of(FileChange.modify("NOTES.txt", "second notes\n"))),
                VersionMetadata.of("ada", "notes"));

        assertThatThrownBy(() -> versioning.createVersion("greeter", ChangeSet.of(List.of(
                FileChange.modify("NOTES.txt", "other notes\n"))).basedOn(1), VersionMetadata.of("bob", "stale")))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.VERSION_CONFLICT);
                    assertThat(e.details()).containsEntry("paths", List.of("NOTES.txt"))
                            .containsEntry("baseVersion", 1).containsEntry("latestVersion", 2);
                });
        assertThat(store.history("greeter")).hasSize(2);
    }

    @Test
    void should_refuse_changes_that_do_not_fit_the_files_or_unknown_versions() {
        assertThatThrownBy(() -> versioning.createVersion("greeter", ChangeSet.of(List.of(
                FileChange.modify("missing.txt", "x"))), VersionMetadata.of("bob", "x")))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> versioning.createVersion("greeter", ChangeSet.of(List.of(
                FileChange.create("NOTES.txt", "x"))), VersionMetadata.of("bob", "x")))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> versioning.createVersion("greeter", ChangeSet.of(List.of(
                FileChange.delete("NOTES.txt"))).basedOn(7), VersionMetadata.of("bob", "x")))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VERSION_NOT_FOUND));
        assertThatThrownBy(() -> versioning.createVersion("nobody", ChangeSet.of(List.of(
                FileChange.delete("NOTES.txt"))), VersionMetadata.of("bob", "x")))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CAPSULE_NOT_FOUND));
        assertThatThrownBy(() -> versioning.diff("greeter", 1, 3))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VERSION_NOT_FOUND));
    }

    @Test
    void should_read_the_changes_file_format_and_name_the_bad_entry() {
        ChangeSet read = ChangeSet.fromJson("""
                {"baseVersion": 2, "changes": [
                  {"op": "create", "path": "a.txt", "content": "A"},
                  {"op": "modify", "path": "b.txt", "content": "B"},
                  {"op": "delete", "path": "c.txt"},
                  {"op": "rename", "path": "d.txt", "to": "e.txt"}]}
                """);

        assertThat(read).isEqualTo(new ChangeSet(2, List.of(FileChange.create("a.txt", "A"),
                FileChange.modify("b.txt", "B"), FileChange.delete("c.txt"), FileChange.rename("d.txt", "e.txt"))));
        assertThatThrownBy(() -> ChangeSet.fromJson("{\"changes\":[{\"op\":\"delete\",\"path\":\"../x\"}]}"))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSAFE_PATH));
        assertThatThrownBy(() -> ChangeSet.fromJson("{\"changes\":[{\"op\":\"modify\",\"path\":\"x\"}]}"))
                .hasMessageContaining("changes[0]").hasMessageContaining("needs a content");
        assertThatThrownBy(() -> ChangeSet.fromJson("{\"changes\":[]}"))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
}
