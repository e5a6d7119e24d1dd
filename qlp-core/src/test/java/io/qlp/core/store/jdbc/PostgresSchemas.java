package io.qlp.core.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Private schemas on the PostgreSQL server of this machine, so test classes running at the same time, and other
 * users of the database, never see each other's tables. Drop them all with {@link #dropAll()}.
 */
public final class PostgresSchemas {

    /** The server every PostgreSQL test uses; see docs/storage.md. */
    public static final String URL = System.getProperty("qlp.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    /** Its user; trust authentication, so no password. */
    public static final String USER = System.getProperty("qlp.test.postgres.user", "postgres");

    private final List<String> created = new ArrayList<>();

    /** A new schema name, such as {@code qlp_t_3f2a…}; the store creates the schema itself. */
    public synchronized String next() {
        String schema = "qlp_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        created.add(schema);
        return schema;
    }

    /** A plain connection as the admin user, outside any pool. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(URL, USER, "");
    }

    /** Drops every schema handed out, with its tables. */
    public synchronized void dropAll() throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            for (String schema : created) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        created.clear();
    }
}
