package io.qlp.core.store.jdbc;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.spi.CapsuleQuery;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads capsules, versions and usage. */
final class CapsuleReader {

    /** Most (capsule, version) pairs in one file query, well below every driver's parameter limit. */
    private static final int FILE_QUERY_CHUNK = 200;

    private CapsuleReader() {
    }

    static Optional<Capsule> latest(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT v.version, v.body FROM qlp_capsules c"
                + " JOIN qlp_versions v ON v.capsule_id = c.id AND v.version = c.latest_version WHERE c.id = ?")) {
            select.setString(1, id);
            return single(connection, id, select);
        }
    }

    static Optional<Capsule> version(Connection connection, String id, int version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, body FROM qlp_versions WHERE capsule_id = ? AND version = ?")) {
            select.setString(1, id);
            select.setInt(2, version);
            return single(connection, id, select);
        }
    }

    private static Optional<Capsule> single(Connection connection, String id, PreparedStatement select)
            throws SQLException {
        int version;
        String body;
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            version = row.getInt(1);
            body = row.getString(2);
        }
        Map<String, List<CapsuleFile>> files = files(connection, List.of(new Key(id, version)));
        return Optional.of(CapsuleRows.capsule(body, files.getOrDefault(id, List.of())));
    }

    static List<Capsule> list(Connection connection, CapsuleQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT c.id, c.latest_version, v.body FROM qlp_capsules c"
                + " JOIN qlp_versions v ON v.capsule_id = c.id AND v.version = c.latest_version WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.status() != null) {
            sql.append(" AND c.status = ?");
            parameters.add(query.status().name());
        }
        if (query.language() != null) {
            sql.append(" AND c.language = ?");
            parameters.add(query.language().id());
        }
        if (query.createdFrom() != null) {
            sql.append(" AND c.manifest_created_at >= ?");
            parameters.add(query.createdFrom());
        }
        if (query.createdBefore() != null) {
            sql.append(" AND c.manifest_created_at < ?");
            parameters.add(query.createdBefore());
        }
        if (query.text() != null) {
            String pattern = CapsuleRows.containsPattern(query.text().toLowerCase(Locale.ROOT));
            sql.append(" AND (LOWER(c.id) LIKE ? ESCAPE '!' OR LOWER(c.description) LIKE ? ESCAPE '!')");
            parameters.add(pattern);
            parameters.add(pattern);
        }
        sql.append(" ORDER BY c.manifest_created_at DESC, c.id DESC LIMIT ? OFFSET ?");
        parameters.add(query.limit());
        parameters.add(query.offset());
        Map<Key, String> bodies = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof java.time.Instant instant) {
                    CapsuleRows.setInstant(select, i + 1, instant);
                } else {
                    select.setObject(i + 1, value);
                }
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    bodies.put(new Key(row.getString(1), row.getInt(2)), row.getString(3));
                }
            }
        }
        Map<String, List<CapsuleFile>> files = files(connection, new ArrayList<>(bodies.keySet()));
        List<Capsule> capsules = new ArrayList<>(bodies.size());
        bodies.forEach((key, body) -> capsules.add(CapsuleRows.capsule(body, files.getOrDefault(key.id(), List.of()))));
        return capsules;
    }

    /** The files of each (capsule, version), in the capsule's order, by capsule id. */
    private static Map<String, List<CapsuleFile>> files(Connection connection, List<Key> keys) throws SQLException {
        Map<String, List<CapsuleFile>> files = new HashMap<>();
        for (int start = 0; start < keys.size(); start += FILE_QUERY_CHUNK) {
            List<Key> chunk = keys.subList(start, Math.min(keys.size(), start + FILE_QUERY_CHUNK));
            StringBuilder sql = new StringBuilder("SELECT f.capsule_id, f.path, f.role, b.content"
                    + " FROM qlp_version_files f JOIN qlp_blobs b ON b.sha256 = f.sha256 WHERE ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(f.capsule_id = ? AND f.version = ?)");
            }
            sql.append(" ORDER BY f.capsule_id, f.ordinal");
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(2 * i + 1, chunk.get(i).id());
                    select.setInt(2 * i + 2, chunk.get(i).version());
                }
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        files.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                                .add(CapsuleRows.file(row.getString(2), row.getString(4), row.getString(3)));
                    }
                }
            }
        }
        return files;
    }

    static List<CapsuleVersion> history(Connection connection, String id) throws SQLException {
        Map<Integer, SortedMap<String, String>> hashes = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, path, sha256 FROM qlp_version_files WHERE capsule_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    hashes.computeIfAbsent(row.getInt(1), v -> new TreeMap<>()).put(row.getString(2), row.getString(3));
                }
            }
        }
        List<CapsuleVersion> versions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(versionColumns()
                + " WHERE capsule_id = ? ORDER BY version")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    versions.add(CapsuleRows.version(row, hashes.getOrDefault(row.getInt("version"), new TreeMap<>())));
                }
            }
        }
        return versions;
    }

    static Optional<CapsuleVersion> versionByRequest(Connection connection, String id, String requestId)
            throws SQLException {
        int number;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version FROM qlp_versions WHERE capsule_id = ? AND request_id = ?")) {
            select.setString(1, id);
            select.setString(2, requestId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                number = row.getInt(1);
            }
        }
        return history(connection, id).stream().filter(v -> v.number() == number).findFirst();
    }

    /** Tokens and cost of the latest version of every capsule, per tier. */
    static Usage totalUsage(Connection connection) throws SQLException {
        Usage usage = Usage.none();
        try (PreparedStatement select = connection.prepareStatement("SELECT u.tier, SUM(u.calls),"
                + " SUM(u.input_tokens), SUM(u.output_tokens), SUM(u.cost_usd) FROM qlp_usage u"
                + " JOIN qlp_capsules c ON c.id = u.capsule_id AND c.latest_version = u.version GROUP BY u.tier");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                BigDecimal cost = row.getBigDecimal(5).stripTrailingZeros();
                usage = usage.plus(new TierUsage(Tier.valueOf(row.getString(1)), row.getInt(2), row.getLong(3),
                        row.getLong(4), cost.scale() < 0 ? cost.setScale(0) : cost));
            }
        }
        return usage;
    }

    private static String versionColumns() {
        return "SELECT capsule_id, version, parent_version, author, message, request_id, created_at, status"
                + " FROM qlp_versions";
    }

    /** One version of one capsule. */
    private record Key(String id, int version) {
    }
}
