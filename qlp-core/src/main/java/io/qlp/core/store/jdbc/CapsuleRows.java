package io.qlp.core.store.jdbc;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.FileRole;
import io.qlp.core.json.CapsuleJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/** Conversions between capsule values and rows. */
final class CapsuleRows {

    private CapsuleRows() {
    }

    /** The capsule as stored in {@code qlp_versions.body}: everything but file contents. */
    static String body(Capsule capsule) {
        return CapsuleJson.writeCompact(capsule.toBuilder().files(List.of()).build());
    }

    /** A capsule from its body and its files. */
    static Capsule capsule(String body, List<CapsuleFile> files) {
        return CapsuleJson.readCapsule(body).toBuilder().files(files).build();
    }

    static CapsuleFile file(String path, String content, String role) {
        return new CapsuleFile(path, content, FileRole.valueOf(role));
    }

    /** Reads a {@link CapsuleVersion} from columns capsule_id, version, parent_version, author, message, request_id, created_at, status. */
    static CapsuleVersion version(ResultSet row, SortedMap<String, String> hashes) throws SQLException {
        int parent = row.getInt("parent_version");
        Integer parentOrNull = row.wasNull() ? null : parent;
        return new CapsuleVersion(row.getString("capsule_id"), row.getInt("version"), parentOrNull,
                row.getString("author"), row.getString("message"), row.getString("request_id"),
                instant(row, "created_at"), CapsuleStatus.valueOf(row.getString("status")), hashes);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    static void setNullableInt(PreparedStatement statement, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setNullableString(PreparedStatement statement, int index, @Nullable String value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** Escapes LIKE wildcards with {@code !}, so a search for {@code 100%} finds that text only. */
    static String containsPattern(String text) {
        String escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }
}
