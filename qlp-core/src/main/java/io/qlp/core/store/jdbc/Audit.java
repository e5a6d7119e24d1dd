package io.qlp.core.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes and reads {@code qlp_audit_log}. */
final class Audit {

    private Audit() {
    }

    static void record(Connection connection, Instant at, String actor, String action, String capsuleId,
                       @Nullable Integer version, @Nullable String requestId, @Nullable String detail)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, 1, at, actor, action, capsuleId, version, requestId, detail);
            insert.executeUpdate();
        }
    }

    /** Inserts one audit line; parameters bound by {@link #bind}. */
    static final String INSERT = "INSERT INTO qlp_audit_log (occurred_at, actor, action, capsule_id, version,"
            + " request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** Binds {@link #INSERT}'s parameters from {@code first} on; returns the index after them. */
    static int bind(PreparedStatement insert, int first, Instant at, String actor, String action, String capsuleId,
                    @Nullable Integer version, @Nullable String requestId, @Nullable String detail)
            throws SQLException {
        CapsuleRows.setInstant(insert, first, at);
        insert.setString(first + 1, actor);
        insert.setString(first + 2, action);
        insert.setString(first + 3, capsuleId);
        CapsuleRows.setNullableInt(insert, first + 4, version);
        CapsuleRows.setNullableString(insert, first + 5, requestId);
        CapsuleRows.setNullableString(insert, first + 6, detail);
        return first + 7;
    }

    static List<AuditEntry> read(Connection connection, String capsuleId) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, occurred_at, actor, action,"
                + " capsule_id, version, request_id, detail FROM qlp_audit_log WHERE capsule_id = ? ORDER BY id")) {
            select.setString(1, capsuleId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int version = row.getInt("version");
                    Integer versionOrNull = row.wasNull() ? null : version;
                    entries.add(new AuditEntry(row.getLong("id"), CapsuleRows.instant(row, "occurred_at"),
                            row.getString("actor"), row.getString("action"), row.getString("capsule_id"),
                            versionOrNull, row.getString("request_id"), row.getString("detail")));
                }
            }
        }
        return entries;
    }
}
