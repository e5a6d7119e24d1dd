package io.qlp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.Severity;
import io.qlp.api.StageResult;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.ValidationReport;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CapsuleStore} keeps. Extend it in the implementation's tests and return a new, empty
 * store from {@link #createStore()}; the store is closed after each test.
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
