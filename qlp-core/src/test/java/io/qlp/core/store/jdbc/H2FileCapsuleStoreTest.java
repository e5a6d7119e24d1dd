package io.qlp.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on an embedded H2 file, the default that needs no server. */
class H2FileCapsuleStoreTest extends AbstractJdbcCapsuleStoreTest {

    @TempDir
    Path dataDir;

    @Override
    protected CapsuleStore createStore() {
        return JdbcCapsuleStore.builder().embedded(dataDir).actor("qlp-test").build();
    }

    @Override
    protected JdbcCapsuleStore reopen() {
        return JdbcCapsuleStore.builder().embedded(dataDir).actor("qlp-test").build();
    }

    @Override
    protected Connection adminConnection() throws SQLException {
        return jdbcStore().dataSource().getConnection();
    }

    @Override
    protected boolean armFailureWhenWriting(CapsuleStore store, String poisonPath) throws SQLException {
        PoisonPathTrigger.poisonPath = poisonPath;
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER qlp_poison BEFORE INSERT ON qlp_version_files FOR EACH ROW CALL '"
                    + PoisonPathTrigger.class.getName() + "'");
        }
        return true;
    }

    @Test
    void should_create_the_database_file_under_the_data_dir() {
        assertThat(dataDir.resolve("store/qlp.mv.db")).isRegularFile();
    }

    @Test
    void should_be_found_by_service_loader_under_the_name_embedded() {
        store().close();
        CapsuleStoreFactory factory = ServiceProviders.load(CapsuleStoreFactory.class, "embedded");

        try (CapsuleStore store = factory.create(ProviderConfig.of(Map.of("data-dir", dataDir.toString())))) {
            store.save(fullCapsule("via-factory", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
            assertThat(store.find("via-factory")).isPresent();
        }
    }

    @Test
    void should_let_writers_take_turns_and_answer_busy_when_a_turn_takes_longer_than_the_connection_timeout()
            throws Exception {
        Path folder = dataDir.resolve("turns");
        try (JdbcCapsuleStore store = JdbcCapsuleStore.builder().embedded(folder)
                .connectionTimeout(Duration.ofMillis(300)).build()) {
            store.save(fullCapsule("readable", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
            HoldingTrigger.entered = new CountDownLatch(1);
            HoldingTrigger.release = new CountDownLatch(1);
            try (Connection connection = store.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TRIGGER qlp_hold BEFORE INSERT ON qlp_version_files FOR EACH ROW CALL '"
                        + HoldingTrigger.class.getName() + "'");
            }
            Capsule held = fullCapsule("held", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA)
                    .toBuilder().files(List.of(CapsuleFile.of(HoldingTrigger.HELD_PATH,
                            "class Held {}\n"))).build();
            CompletableFuture<Void> first =
                    CompletableFuture.runAsync(() -> store.save(held));
            assertThat(HoldingTrigger.entered.await(10, TimeUnit.SECONDS)).isTrue();

            // Readers do not wait for the writer; a second writer waits its turn, at most the connection timeout.
            assertThat(store.find("readable")).isPresent();
            assertThatThrownBy(() -> store.save(
                            fullCapsule("waiting", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA)))
                    .isInstanceOfSatisfying(RetriableQlpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE);
                        assertThat(e.getMessage()).contains("busy");
                    });

            HoldingTrigger.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            store.save(fullCapsule("after", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
            assertThat(store.find("held")).isPresent();
            assertThat(store.find("after")).isPresent();
            assertThat(store.find("waiting")).isEmpty();
        } finally {
            HoldingTrigger.release.countDown();
        }
    }
}
