package io.qlp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.QlpException;
import io.qlp.api.Severity;
import io.qlp.api.StageResult;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
import io.qlp.api.VersionMetadata;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CapsuleStore} keeps. Extend it in the implementation's tests and return a new, empty
 * store from {@link #createStore()}; the store is closed after each test.
 *
 * <p>Versions: every save stores a new version whose parent is the latest one; {@code append} stores one only when
 * its base is still the latest. A store that can fail halfway through a write (a database) arms such a failure in
 * {@link #armFailureWhenWriting(CapsuleStore, String)}, and the contract checks that the failed write left nothing.
 *
 * <p>Listing order is newest first: by {@code manifest.createdAt} descending, then by id descending. Fixture times
 * have millisecond precision and costs keep their scale, so stores backed by a database can return equal capsules.
 *
 * <p>Example:
 * <pre>{@code
 * class InMemoryCapsuleStoreTest extends AbstractCapsuleStoreTest {
 *     protected CapsuleStore createStore() { return new InMemoryCapsuleStore(); }
 * }
 * }</pre>
 */
public abstract class AbstractCapsuleStoreTest {

    /** A fixed base time with millisecond precision. */
    protected static final Instant BASE_TIME = Instant.parse("2026-03-04T05:06:07.123Z");

    private CapsuleStore store;

    /** A new, empty store. */
    protected abstract CapsuleStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** The store under test. */
    protected CapsuleStore store() {
        return store;
    }

    /**
     * Makes every later write of a file at {@code poisonPath} fail inside the store, after other parts of the same
     * capsule have been written, such as with a database trigger. Return {@code false} when the store writes a
     * capsule in one step that cannot fail halfway; the rollback test is then skipped.
     */
    protected abstract boolean armFailureWhenWriting(CapsuleStore store, String poisonPath) throws Exception;

    @Test
    void should_return_an_equal_capsule_when_a_saved_capsule_is_found() {
        Capsule capsule = fullCapsule("round-trip", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);

        store.save(capsule);

        assertThat(store.find("round-trip")).contains(capsule);
    }

    @Test
    void should_replace_the_capsule_when_one_with_the_same_id_is_saved() {
        Capsule first = fullCapsule("same-id", BASE_TIME, CapsuleStatus.FAILED_VALIDATION, Language.JAVA);
        Capsule second = first.toBuilder()
                .status(CapsuleStatus.VALIDATED)
                .files(List.of(CapsuleFile.of("src/main/java/demo/Replaced.java", "class Replaced {}\n")))
                .build();

        store.save(first);
        store.save(second);

        assertThat(store.find("same-id")).contains(second);
        assertThat(store.list(CapsuleQuery.firstPage(10))).containsExactly(second);
    }

    @Test
    void should_return_empty_when_the_id_is_unknown() {
        store.save(fullCapsule("known", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));

        assertThat(store.find("unknown")).isEmpty();
    }

    @Test
    void should_delete_the_capsule_and_report_whether_it_existed() {
        store.save(fullCapsule("doomed", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
        store.save(fullCapsule("kept", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));

        assertThat(store.delete("doomed")).isTrue();
        assertThat(store.delete("doomed")).isFalse();
        assertThat(store.find("doomed")).isEmpty();
        assertThat(store.find("kept")).isPresent();
    }

    @Test
    void should_list_newest_first_then_by_id_when_paging() {
        Capsule oldest = fullCapsule("a-oldest", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        Capsule tieLow = fullCapsule("b-tie", BASE_TIME.plusSeconds(60), CapsuleStatus.VALIDATED, Language.JAVA);
        Capsule tieHigh = fullCapsule("c-tie", BASE_TIME.plusSeconds(60), CapsuleStatus.VALIDATED, Language.JAVA);
        Capsule newest = fullCapsule("d-newest", BASE_TIME.plusSeconds(120), CapsuleStatus.VALIDATED, Language.JAVA);
        List.of(tieLow, newest, oldest, tieHigh).forEach(store::save);

        assertThat(store.list(new CapsuleQuery(null, null, 0, 2))).containsExactly(newest, tieHigh);
        assertThat(store.list(new CapsuleQuery(null, null, 2, 2))).containsExactly(tieLow, oldest);
        assertThat(store.list(new CapsuleQuery(null, null, 4, 2))).isEmpty();
        assertThat(store.list(new CapsuleQuery(null, null, 1, 10))).containsExactly(tieHigh, tieLow, oldest);
    }

    @Test
    void should_return_only_matching_capsules_when_filtering_by_status_and_language() {
        Capsule javaValidated = fullCapsule("java-ok", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        Capsule javaFailed = fullCapsule("java-failed", BASE_TIME.plusSeconds(1),
                CapsuleStatus.FAILED_VALIDATION, Language.JAVA);
        Capsule pythonValidated = fullCapsule("python-ok", BASE_TIME.plusSeconds(2),
                CapsuleStatus.VALIDATED, Language.PYTHON);
        Capsule jsStuck = fullCapsule("js-stuck", BASE_TIME.plusSeconds(3),
                CapsuleStatus.NO_PROGRESS, Language.JAVASCRIPT);
        List.of(javaValidated, javaFailed, pythonValidated, jsStuck).forEach(store::save);

        assertThat(store.list(new CapsuleQuery(CapsuleStatus.VALIDATED, null, 0, 10)))
                .containsExactly(pythonValidated, javaValidated);
        assertThat(store.list(new CapsuleQuery(null, Language.JAVA, 0, 10)))
                .containsExactly(javaFailed, javaValidated);
        assertThat(store.list(new CapsuleQuery(CapsuleStatus.VALIDATED, Language.JAVA, 0, 10)))
                .containsExactly(javaValidated);
        assertThat(store.list(new CapsuleQuery(CapsuleStatus.NO_PROGRESS, Language.PYTHON, 0, 10))).isEmpty();
    }

    @Test
    void should_store_every_capsule_when_eight_threads_save_at_once() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.save(fullCapsule("t" + thread + "-c" + i, BASE_TIME.plusMillis(thread * 1000L + i),
                                CapsuleStatus.VALIDATED, Language.JAVA));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Capsule> all = store.list(CapsuleQuery.firstPage(CapsuleQuery.MAX_LIMIT));
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).extracting(c -> c.manifest().createdAt())
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(store.find("t7-c24")).isPresent();
    }

    @Test
    void should_filter_by_creation_date_and_text_when_searching() {
        Capsule january = withDescription(fullCapsule("jan-parser", BASE_TIME, CapsuleStatus.VALIDATED,
                Language.JAVA), "A CSV parser for 1000 rows, parser-helper included");
        Capsule february = withDescription(fullCapsule("feb-stack", BASE_TIME.plusSeconds(86_400 * 31L),
                CapsuleStatus.VALIDATED, Language.JAVA), "A stack of ints; 100% covered");
        Capsule march = withDescription(fullCapsule("mar-queue", BASE_TIME.plusSeconds(86_400 * 59L),
                CapsuleStatus.FAILED_VALIDATION, Language.PYTHON), "A queue with a Parser_helper");
        List.of(january, february, march).forEach(store::save);

        assertThat(store.list(CapsuleQuery.builder().createdFrom(february.manifest().createdAt()).build()))
                .containsExactly(march, february);
        assertThat(store.list(CapsuleQuery.builder().createdBefore(february.manifest().createdAt()).build()))
                .containsExactly(january);
        assertThat(store.list(CapsuleQuery.builder().text("PARSER").build())).containsExactly(march, january);
        assertThat(store.list(CapsuleQuery.builder().text("feb-").build())).containsExactly(february);
        assertThat(store.list(CapsuleQuery.builder().text("100%").build())).containsExactly(february);
        assertThat(store.list(CapsuleQuery.builder().text("r_h").build())).containsExactly(march);
        assertThat(store.list(CapsuleQuery.builder().text("parser").language(Language.JAVA)
                .createdFrom(BASE_TIME).createdBefore(BASE_TIME.plusSeconds(1)).page(0, 5).build()))
                .containsExactly(january);
        assertThat(store.list(CapsuleQuery.builder().text("parser").page(1, 1).build())).containsExactly(january);
    }

    @Test
    void should_keep_every_version_with_its_parent_when_a_capsule_is_saved_again() {
        Capsule first = fullCapsule("versioned", BASE_TIME, CapsuleStatus.FAILED_VALIDATION, Language.JAVA);
        Capsule second = first.toBuilder().status(CapsuleStatus.VALIDATED)
                .files(List.of(CapsuleFile.of("src/main/java/demo/Second.java", "class Second {}\n"))).build();

        CapsuleVersion v1 = store.save(first, VersionMetadata.of("ada", "first cut"));
        CapsuleVersion v2 = store.save(second, VersionMetadata.of("grace", "second cut").withRequestId("req-2"));

        assertThat(v1.number()).isEqualTo(1);
        assertThat(v1.parent()).isNull();
        assertThat(v2.number()).isEqualTo(2);
        assertThat(v2.parent()).isEqualTo(1);
        assertThat(v2.requestId()).isEqualTo("req-2");
        assertThat(v2.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(v2.sha256()).containsOnlyKeys("src/main/java/demo/Second.java");
        assertThat(store.history("versioned")).containsExactly(v1, v2);
        assertThat(store.history("versioned")).extracting(CapsuleVersion::author, CapsuleVersion::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ada", "first cut"),
                        org.assertj.core.groups.Tuple.tuple("grace", "second cut"));
        assertThat(store.findVersion("versioned", 1)).contains(first);
        assertThat(store.findVersion("versioned", 2)).contains(second);
        assertThat(store.findVersion("versioned", 3)).isEmpty();
        assertThat(store.find("versioned")).contains(second);
        assertThat(store.history("unknown")).isEmpty();
    }

    @Test
    void should_store_once_when_the_same_request_id_saves_twice() {
        Capsule capsule = fullCapsule("retried", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        VersionMetadata metadata = VersionMetadata.of("workflow", "generated").withRequestId("run-1");

        CapsuleVersion first = store.save(capsule, metadata);
        CapsuleVersion again = store.save(capsule, metadata);

        assertThat(again).isEqualTo(first);
        assertThat(store.history("retried")).hasSize(1);
    }

    @Test
    void should_append_on_the_latest_version_and_refuse_a_stale_base() {
        Capsule capsule = fullCapsule("appended", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        store.save(capsule);
        Capsule edited = capsule.toBuilder().status(CapsuleStatus.FAILED_VALIDATION).build();

        CapsuleVersion v2 = store.append(edited, 1, VersionMetadata.of("ada", "edit"));

        assertThat(v2.number()).isEqualTo(2);
        assertThat(v2.parent()).isEqualTo(1);
        assertThatThrownBy(() -> store.append(capsule, 1, VersionMetadata.of("bob", "stale edit")))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.VERSION_CONFLICT);
                    assertThat(e.details()).containsEntry("latestVersion", 2);
                });
        assertThatThrownBy(() -> store.append(fullCapsule("missing", BASE_TIME, CapsuleStatus.VALIDATED,
                Language.JAVA), 1, VersionMetadata.of("bob", "edit")))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CAPSULE_NOT_FOUND));
        assertThat(store.history("appended")).hasSize(2);
        assertThat(store.find("appended")).contains(edited);
    }

    @Test
    void should_lose_no_update_when_eight_writers_append_to_one_capsule_at_once() throws Exception {
        Capsule capsule = fullCapsule("contended", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        store.save(capsule);
        int threads = 8;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        appendWithRetry(capsule, "writer " + thread + " edit " + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<CapsuleVersion> history = store.history("contended");
        assertThat(history).hasSize(1 + threads * perThread);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).number()).isEqualTo(i + 1);
            assertThat(history.get(i).parent()).isEqualTo(i == 0 ? null : i);
        }
        assertThat(history).extracting(CapsuleVersion::message).doesNotHaveDuplicates();
        assertThat(store.find("contended").orElseThrow().request().metadata())
                .containsEntry("edit", history.get(history.size() - 1).message());
    }

    @Test
    void should_leave_nothing_behind_when_a_write_fails_halfway() throws Exception {
        String poison = "src/main/java/demo/Poison.java";
        Capsule kept = fullCapsule("kept", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        store.save(kept);
        Assumptions.assumeTrue(armFailureWhenWriting(store, poison), "this store cannot fail halfway");
        List<CapsuleFile> poisoned = List.of(
                CapsuleFile.of("src/main/java/demo/Fresh.java", "class Fresh { /* only in the failed write */ }\n"),
                CapsuleFile.of(poison, "class Poison {}\n"));
        Capsule fresh = fullCapsule("fresh", BASE_TIME.plusSeconds(5), CapsuleStatus.VALIDATED, Language.JAVA)
                .toBuilder().files(poisoned).build();
        Capsule keptEdited = kept.toBuilder().files(poisoned).build();

        assertThatThrownBy(() -> store.save(fresh)).isInstanceOfSatisfying(QlpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE));
        assertThatThrownBy(() -> store.append(keptEdited, 1, VersionMetadata.of("ada", "poisoned")))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE));

        assertThat(store.find("fresh")).isEmpty();
        assertThat(store.history("fresh")).isEmpty();
        assertThat(store.find("kept")).contains(kept);
        assertThat(store.history("kept")).hasSize(1);
        assertThat(store.list(CapsuleQuery.firstPage(10))).containsExactly(kept);
        CapsuleVersion next = store.append(kept.toBuilder().status(CapsuleStatus.NO_PROGRESS).build(), 1,
                VersionMetadata.of("ada", "after the failure"));
        assertThat(next.number()).isEqualTo(2);
    }

    /** Reads the latest version and appends on it, again and again while other writers get there first. */
    private void appendWithRetry(Capsule capsule, String message) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            List<CapsuleVersion> history = store.history(capsule.id());
            int latest = history.get(history.size() - 1).number();
            Capsule edited = capsule.toBuilder().request(withMetadata(capsule.request(), "edit", message)).build();
            try {
                store.append(edited, latest, VersionMetadata.of("writer", message));
                return;
            } catch (QlpException e) {
                if (e.errorCode() != ErrorCode.VERSION_CONFLICT) {
                    throw e;
                }
            }
        }
        throw new AssertionError("could not append '" + message + "' in 1000 attempts");
    }

    private static CapsuleRequest withMetadata(CapsuleRequest request, String key, String value) {
        return new CapsuleRequest(request.description(), request.requirements(), request.constraints(),
                request.language(), request.framework(), request.tierOverride(), request.budgetUsd(),
                Map.of(key, value));
    }

    private static Capsule withDescription(Capsule capsule, String description) {
        CapsuleRequest request = capsule.request();
        return capsule.toBuilder().request(new CapsuleRequest(description, request.requirements(),
                request.constraints(), request.language(), request.framework(), request.tierOverride(),
                request.budgetUsd(), request.metadata())).build();
    }

    /**
     * A capsule with every field set: request options and metadata, two files, a manifest with hashes, a report
     * with two stages and findings, two attempts and usage on two tiers.
     */
    protected static Capsule fullCapsule(String id, Instant createdAt, CapsuleStatus status, Language language) {
        CapsuleRequest request = CapsuleRequest.builder()
                .description("A class that parses ISO-8601 durations, with tests")
                .requirement("reject negative values")
                .constraint("no external libraries")
                .language(language)
                .framework("junit5")
                .tierOverride(Tier.T1)
                .budgetUsd(new BigDecimal("0.50"))
                .metadata("team", "payments")
                .build();
        List<CapsuleFile> files = List.of(
                CapsuleFile.of("src/main/java/demo/Durations.java",
                        "package demo;\n\npublic final class Durations {\n    // π ≈ 3.14159\n}\n"),
                CapsuleFile.of("src/test/java/demo/DurationsTest.java",
                        "package demo;\n\nclass DurationsTest {\n}\n"));
        Map<String, String> hashes = new TreeMap<>();
        hashes.put("src/main/java/demo/Durations.java", "a".repeat(64));
        hashes.put("src/test/java/demo/DurationsTest.java", "b".repeat(64));
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, createdAt, List.of(language),
                new TreeMap<>(hashes), List.of(Tier.T0, Tier.T1), "0.1.0-test");
        ValidationReport validation = new ValidationReport(List.of(
                StageResult.of("syntax", List.of(), 12),
                new StageResult("compile", false, List.of(
                        Finding.error("compile", "src/main/java/demo/Durations.java", 4, 5, "compiler.err",
                                "';' expected"),
                        new Finding("compile", Severity.WARNING, null, 0, 0, "deprecation", "uses a deprecated API")),
                        340)));
        List<AttemptRecord> attempts = List.of(
                new AttemptRecord(1, Tier.T0, false, 1, "initial route: simple request"),
                new AttemptRecord(2, Tier.T1, status == CapsuleStatus.VALIDATED, 0, "escalated after 1 error"));
        Usage usage = Usage.none()
                .plus(new TierUsage(Tier.T0, 1, 120, 300, new BigDecimal("0.00051")))
                .plus(new TierUsage(Tier.T1, 1, 450, 800, new BigDecimal("0.0125")));
        return Capsule.builder().id(id).request(request).files(files).manifest(manifest).validation(validation)
                .attempts(attempts).usage(usage).status(status).build();
    }
}
