package io.qlp.core.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/** The few places where PostgreSQL and H2 (in PostgreSQL mode) need different SQL. */
enum Dialect {
    POSTGRESQL(Map.of("id_collation", "COLLATE \"C\"")),
    H2(Map.of("id_collation", ""));

    private final Map<String, String> placeholders;

    Dialect(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    /** Flyway placeholders for the migrations. */
    Map<String, String> placeholders() {
        return placeholders;
    }

    /**
     * Whether one prepared statement may hold several statements, sent to the database in one round trip:
     * PostgreSQL's driver does that; H2 prepares a single statement.
     */
    boolean sendsStatementsTogether() {
        return this == POSTGRESQL;
    }

    /** The dialect of the database behind {@code connection}. */
    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("unsupported database '" + product + "'; the capsule store runs on PostgreSQL and H2");
    }
}
