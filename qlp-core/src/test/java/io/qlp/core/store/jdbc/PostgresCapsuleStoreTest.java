package io.qlp.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The store on the real PostgreSQL server, each test in a schema of its own. */
class PostgresCapsuleStoreTest extends AbstractJdbcCapsuleStoreTest {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    private String schema = "";

    @AfterAll
    static void dropSchemas() throws SQLException {
        SCHEMAS.dropAll();
    }

    @Override
    protected CapsuleStore createStore() {
        schema = SCHEMAS.next();
        return open(schema, 10);
    }

    private JdbcCapsuleStore open(String inSchema, int poolSize) {
        return JdbcCapsuleStore.builder()
                .jdbcUrl(PostgresSchemas.URL).username(PostgresSchemas.USER).schema(inSchema)
                .maximumPoolSize(poolSize).connectionTimeout(Duration.ofMillis(500))
                .driverProperty("ApplicationName", applicationName(inSchema))
                .actor("qlp-test")
                .build();
    }

    private static String applicationName(String inSchema) {
        return "qlp-store-" + inSchema;
    }

    @Override
    protected JdbcCapsuleStore reopen() {
        return open(schema, 2);
    }

    @Override
    protected Connection adminConnection() throws SQLException {
        Connection connection = PostgresSchemas.admin();
        connection.setSchema(schema);
        return connection;
    }

    @Override
    protected boolean armFailureWhenWriting(CapsuleStore store, String poisonPath) throws SQLException {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE FUNCTION " + schema + ".qlp_poison() RETURNS trigger AS $$ BEGIN"
                    + " IF NEW.path = '" + poisonPath + "' THEN RAISE EXCEPTION 'poisoned path %', NEW.path; END IF;"
                    + " RETURN NEW; END $$ LANGUAGE plpgsql");
            statement.execute("CREATE TRIGGER qlp_poison BEFORE INSERT ON " + schema + ".qlp_version_files"
                    + " FOR EACH ROW EXECUTE FUNCTION " + schema + ".qlp_poison()");
        }
        return true;
    }

    @Test
    void should_keep_its_tables_in_its_own_schema_with_its_own_migration_history() throws SQLException {
        try (Connection connection = PostgresSchemas.admin();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            select.setString(1, schema);
            try (ResultSet rows = select.executeQuery()) {
                java.util.List<String> tables = new java.util.ArrayList<>();
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
                assertThat(tables).containsExactly("qlp_audit_log", "qlp_blobs", "qlp_capsules",
                        "qlp_store_schema_history", "qlp_usage", "qlp_version_files", "qlp_versions");
            }
        }
    }

    @Test
    void should_fail_retriably_when_the_pool_is_exhausted_and_work_again_when_a_connection_is_free()
            throws SQLException {
        store().close();
        Capsule capsule = fullCapsule("pooled", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        try (JdbcCapsuleStore tiny = open(schema, 1)) {
            tiny.save(capsule);
            Connection held = tiny.dataSource().getConnection();
            try {
                assertThatThrownBy(() -> tiny.find("pooled"))
                        .isInstanceOfSatisfying(RetriableQlpException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE);
                            assertThat(e.isRetriable()).isTrue();
                            assertThat(e.details()).containsEntry("reason", "pool_exhausted");
                            assertThat(e.getMessage()).contains("no database connection became free in time");
                        });
            } finally {
                held.close();
            }

            assertThat(tiny.find("pooled")).contains(capsule);
        }
    }

    @Test
    void should_fail_retriably_and_recover_when_the_server_drops_the_connections() throws SQLException {
        Capsule capsule = fullCapsule("survivor", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA);
        store().save(capsule);
        assertThat(store().find("survivor")).contains(capsule);

        int terminated = terminateBackends(applicationName(schema));

        assertThat(terminated).isPositive();
        Optional<Capsule> found = Optional.empty();
        int failures = 0;
        for (int attempt = 0; attempt < 12 && found.isEmpty(); attempt++) {
            try {
                found = store().find("survivor");
            } catch (QlpException e) {
                assertThat(e.isRetriable()).isTrue();
                assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE);
                assertThat(e.details()).containsEntry("reason", "connection_lost");
                failures++;
            }
        }
        assertThat(found).contains(capsule);
        assertThat(failures).isLessThan(12);
        store().save(capsule);
        assertThat(store().history("survivor")).hasSize(2);
    }

    @Test
    void should_be_found_by_service_loader_under_the_name_jdbc() {
        CapsuleStoreFactory factory = ServiceProviders.load(CapsuleStoreFactory.class, "jdbc");

        try (CapsuleStore other = factory.create(ProviderConfig.of(Map.of("jdbc-url", PostgresSchemas.URL,
                "username", PostgresSchemas.USER, "schema", schema, "maximum-pool-size", "2")))) {
            assertThat(other).isInstanceOf(JdbcCapsuleStore.class);
            other.save(fullCapsule("via-factory", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
            assertThat(store().find("via-factory")).isPresent();
        }
    }

    @Test
    void should_fail_retriably_when_the_server_cannot_be_reached() {
        assertThatThrownBy(() -> JdbcCapsuleStore.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/test")
                .username("postgres").connectionTimeout(Duration.ofMillis(500)).build())
                .isInstanceOfSatisfying(RetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE);
                    assertThat(e.getMessage()).contains("127.0.0.1:1");
                });
    }

    private static int terminateBackends(String applicationName) throws SQLException {
        try (Connection admin = PostgresSchemas.admin();
             PreparedStatement terminate = admin.prepareStatement("SELECT COUNT(pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, applicationName);
            try (ResultSet row = terminate.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
