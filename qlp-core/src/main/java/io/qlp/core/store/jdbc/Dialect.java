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

    /** Inserts a blob unless one with the same hash exists; both databases accept ON CONFLICT DO NOTHING. */
    String insertBlobIfAbsent() {
        return "INSERT INTO qlp_blobs (sha256, size_bytes, content) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
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
