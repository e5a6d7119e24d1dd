package io.qlp.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.Language;
import io.qlp.api.Tier;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.AbstractCapsuleStoreTest;
import io.qlp.api.spi.CapsuleStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the relational store adds to the contract, run on every database it supports. */
abstract class AbstractJdbcCapsuleStoreTest extends AbstractCapsuleStoreTest {

    /** A connection to the database and schema of the store most recently created, outside its pool. */
    protected abstract Connection adminConnection() throws SQLException;

    /** Opens the store most recently created again, as a later process would. */
    protected abstract JdbcCapsuleStore reopen();

    protected JdbcCapsuleStore jdbcStore() {
        return (JdbcCapsuleStore) store();
    }

    @Test
    void should_store_identical_content_once_and_drop_it_with_its_last_user() throws SQLException {
        Capsule first = fullCapsule("dedup-1", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        Capsule second = fullCapsule("dedup-2", BASE_TIME.plusSeconds(1), CapsuleStatus.VALIDATED, Language.JAVA);
        Capsule third = second.toBuilder().id("dedup-3").files(List.of(
                CapsuleFile.of("src/main/java/demo/Only.java", "class Only {}\n"))).build();

        store().save(first);
        store().save(second);
        store().save(second);
        store().save(third);

        assertThat(count("SELECT COUNT(*) FROM qlp_blobs")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM qlp_version_files")).isEqualTo(7);
        assertThat(store().delete("dedup-1")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM qlp_blobs")).isEqualTo(3);
        assertThat(store().delete("dedup-2")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM qlp_blobs")).isEqualTo(1);
        assertThat(store().find("dedup-3")).contains(third);
    }

    @Test
    void should_keep_every_file_in_order_when_a_capsule_has_more_files_than_one_insert_takes() throws SQLException {
        // More files than one statement could bind (65,535 parameters, six per file row).
        int fileCount = 11_000;
        List<CapsuleFile> files = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            // Every third content repeats, so contents and files split into parts of different sizes.
            files.add(CapsuleFile.of("src/main/resources/part-" + i + ".txt", "content " + (i % 3 == 0 ? 0 : i)));
        }
        Capsule capsule = fullCapsule("many-files", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA).toBuilder()
                .files(files).build();

        store().save(capsule);
        store().save(capsule);

        assertThat(store().find("many-files")).contains(capsule);
        assertThat(store().findVersion("many-files", 1)).contains(capsule);
        assertThat(count("SELECT COUNT(*) FROM qlp_version_files")).isEqualTo(2L * fileCount);
    }

    @Test
    void should_write_who_what_when_and_request_to_the_audit_log_and_keep_it_after_delete() {
        Capsule capsule = fullCapsule("audited", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        store().save(capsule, VersionMetadata.of("ada", "generated").withRequestId("req-1"));
        store().append(capsule, 1, VersionMetadata.of("grace", "edited").withRequestId("req-2"));
        store().delete("audited");

        List<AuditEntry> log = jdbcStore().audit("audited");

        assertThat(log).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::version, AuditEntry::requestId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ada", "create", 1, "req-1"),
                        org.assertj.core.groups.Tuple.tuple("grace", "append", 2, "req-2"),
                        org.assertj.core.groups.Tuple.tuple("qlp-test", "delete", null, null));
        assertThat(log).extracting(AuditEntry::occurredAt).isSorted();
    }

    @Test
    void should_sum_usage_of_the_latest_versions_per_tier() {
        store().save(fullCapsule("usage-1", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
        store().save(fullCapsule("usage-1", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
        store().save(fullCapsule("usage-2", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));

        var usage = jdbcStore().totalUsage();

        assertThat(usage.perTier()).extracting(u -> u.tier()).containsExactly(Tier.T0, Tier.T1);
        assertThat(usage.totalCalls()).isEqualTo(4);
        assertThat(usage.inputTokens()).isEqualTo(2 * (120 + 450));
        assertThat(usage.costUsd()).isEqualByComparingTo(new BigDecimal("0.02602"));
    }

    @Test
    void should_find_capsules_saved_before_when_opened_again() {
        Capsule capsule = fullCapsule("durable", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        store().save(capsule);
        store().close();

        try (JdbcCapsuleStore again = reopen()) {
            assertThat(again.find("durable")).contains(capsule);
            assertThat(again.history("durable")).hasSize(1);
        }
    }

    @Test
    void should_number_versions_one_to_eight_when_eight_threads_save_the_same_new_capsule_at_once() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CapsuleVersion>> saved = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Capsule capsule = fullCapsule("contended", BASE_TIME.plusMillis(t), CapsuleStatus.VALIDATED,
                        Language.JAVA);
                saved.add(pool.submit(() -> {
                    start.await();
                    return store().save(capsule, VersionMetadata.saved());
                }));
            }
            start.countDown();
            List<Integer> numbers = new ArrayList<>();
            for (Future<CapsuleVersion> version : saved) {
                numbers.add(version.get(60, TimeUnit.SECONDS).number());
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
        List<CapsuleVersion> history = store().history("contended");
        assertThat(history).extracting(CapsuleVersion::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(history).extracting(CapsuleVersion::parent).containsExactly(null, 1, 2, 3, 4, 5, 6, 7);
        assertThat(count("SELECT COUNT(*) FROM qlp_capsules WHERE id = 'contended'")).isEqualTo(1);
    }

    protected long count(String sql) throws SQLException {
        try (Connection connection = adminConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    protected abstract boolean armFailureWhenWriting(CapsuleStore store, String poisonPath) throws SQLException;
}
