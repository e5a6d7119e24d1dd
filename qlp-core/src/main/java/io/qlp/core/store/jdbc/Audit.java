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
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO qlp_audit_log (occurred_at, actor,"
                + " action, capsule_id, version, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            CapsuleRows.setInstant(insert, 1, at);
            insert.setString(2, actor);
            insert.setString(3, action);
            insert.setString(4, capsuleId);
            CapsuleRows.setNullableInt(insert, 5, version);
            CapsuleRows.setNullableString(insert, 6, requestId);
            CapsuleRows.setNullableString(insert, 7, detail);
            insert.executeUpdate();
        }
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
