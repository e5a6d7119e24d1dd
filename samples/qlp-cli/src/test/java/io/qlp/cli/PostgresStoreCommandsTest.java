package io.qlp.cli;

import io.qlp.core.store.jdbc.PostgresSchemas;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** The store commands on the real PostgreSQL server, each test in a schema of its own. */
class PostgresStoreCommandsTest extends AbstractStoreCommandsTest {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    private String schema = "";

    @BeforeEach
    void newSchema() {
        schema = SCHEMAS.next();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        SCHEMAS.dropAll();
    }

    @Override
    protected String storeYaml() {
        return "  data-dir: " + workspace.resolve("data") + "\n  store: {type: jdbc, jdbc-url: \"" + PostgresSchemas.URL
                + "\", username: " + PostgresSchemas.USER + ", schema: " + schema + "}";
    }
}
