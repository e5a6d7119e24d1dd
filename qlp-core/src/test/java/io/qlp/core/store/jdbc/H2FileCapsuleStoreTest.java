package io.qlp.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
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
}
