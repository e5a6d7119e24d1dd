package io.qlp.core.store.jdbc;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.TierUsage;
import io.qlp.api.VersionMetadata;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Writes one version of a capsule, with its files, usage and audit line, inside the caller's transaction. */
final class VersionWriter {

    /** Rows of one multi-row insert: 6,000 parameters at most, well under a statement's 65,535. */
    static final int ROWS_PER_STATEMENT = 1000;

    private final Dialect dialect;

    VersionWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Stores {@code capsule} as a new version on top of the latest one, or on top of {@code baseVersion} when set,
     * which must then be the latest. The capsule's row is locked first, so writers of one capsule take turns: a
     * plain save of a new capsule inserts the row (which locks it until commit), otherwise the row is selected for
     * update.
     */
    CapsuleVersion write(Connection connection, Capsule capsule, @Nullable Integer baseVersion,
                         VersionMetadata metadata, Instant now) throws SQLException {
        if (baseVersion == null && dialect.sendsStatementsTogether()) {
            Optional<CapsuleVersion> created = NewCapsuleWrite.tryWrite(connection, capsule, metadata, now);
            if (created.isPresent()) {
                return created.get();
            }
        }
        // Most saves are of new capsules (every generation and cache hit has a new id). Inserting first spares them
        // the SELECT ... FOR UPDATE, which H2 parses anew each time because it does not cache locking queries.
        boolean created = baseVersion == null && insertCapsuleIfAbsent(connection, capsule, now);
        Integer latest = created ? null : lockLatest(connection, capsule.id());
        if (metadata.requestId() != null && latest != null) {
            Optional<CapsuleVersion> earlier = CapsuleReader.versionByRequest(connection, capsule.id(),
                    metadata.requestId());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        int number;
        String action;
        if (latest == null) {
            if (baseVersion != null) {
                throw new NonRetriableQlpException(ErrorCode.CAPSULE_NOT_FOUND, "no capsule has id '" + capsule.id()
                        + "', so no version can be based on version " + baseVersion,
                        ErrorContext.empty().withStage(Stage.STORE).withCapsuleId(capsule.id()),
                        Map.of("capsuleId", capsule.id()), null);
            }
            number = 1;
            action = "create";
            if (!created) {
                insertCapsule(connection, capsule, now);
            }
        } else {
            if (baseVersion != null && baseVersion.intValue() != latest) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("capsuleId", capsule.id());
                details.put("baseVersion", baseVersion);
                details.put("latestVersion", latest);
                throw new NonRetriableQlpException(ErrorCode.VERSION_CONFLICT, "capsule '" + capsule.id()
                        + "' is at version " + latest + ", not at version " + baseVersion
                        + "; read the latest version and apply the change again",
                        ErrorContext.empty().withStage(Stage.STORE).withCapsuleId(capsule.id()), details, null);
            }
            number = latest + 1;
            action = baseVersion == null ? "save" : "append";
            updateCapsule(connection, capsule, number, now);
        }
        Integer parent = latest;
        SortedMap<String, String> hashes = insertBlobs(connection, capsule.files());
        insertVersion(connection, capsule, number, parent, metadata, now);
        insertFiles(connection, capsule, number, hashes);
        insertUsage(connection, capsule, number);
        Audit.record(connection, now, metadata.author(), action, capsule.id(), number, metadata.requestId(),
                metadata.message());
        return new CapsuleVersion(capsule.id(), number, parent, metadata.author(), metadata.message(),
                metadata.requestId(), now, capsule.status(), hashes);
    }

    private static @Nullable Integer lockLatest(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT latest_version FROM qlp_capsules WHERE id = ? FOR UPDATE")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : null;
            }
        }
    }

    private static void insertCapsule(Connection connection, Capsule capsule, Instant now) throws SQLException {
        insertCapsule(connection, capsule, now, "");
    }

    /**
     * Inserts the capsule's row as version 1 unless a row with its id exists; returns whether it inserted. A row
     * another transaction inserted and has not committed makes this wait for that transaction, as a lock would.
     */
    private static boolean insertCapsuleIfAbsent(Connection connection, Capsule capsule, Instant now)
            throws SQLException {
        return insertCapsule(connection, capsule, now, " ON CONFLICT DO NOTHING") == 1;
    }

    private static int insertCapsule(Connection connection, Capsule capsule, Instant now, String onConflict)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CAPSULE + onConflict)) {
            bindCapsule(insert, 1, capsule, now);
            return insert.executeUpdate();
        }
    }

    /** Inserts the row of a capsule at version 1; parameters bound by {@link #bindCapsule}. */
    static final String INSERT_CAPSULE = "INSERT INTO qlp_capsules (id, latest_version, status, language,"
            + " description, manifest_created_at, first_stored_at, last_stored_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?)";

    /** Binds {@link #INSERT_CAPSULE}'s parameters from {@code first} on; returns the index after them. */
    static int bindCapsule(PreparedStatement insert, int first, Capsule capsule, Instant now) throws SQLException {
        insert.setString(first, capsule.id());
        insert.setString(first + 1, capsule.status().name());
        insert.setString(first + 2, capsule.request().language().id());
        insert.setString(first + 3, capsule.request().description());
        CapsuleRows.setInstant(insert, first + 4, capsule.manifest().createdAt());
        CapsuleRows.setInstant(insert, first + 5, now);
        CapsuleRows.setInstant(insert, first + 6, now);
        return first + 7;
    }

    private static void updateCapsule(Connection connection, Capsule capsule, int number, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE qlp_capsules SET latest_version = ?,"
                + " status = ?, language = ?, description = ?, manifest_created_at = ?, last_stored_at = ?"
                + " WHERE id = ?")) {
            update.setInt(1, number);
            update.setString(2, capsule.status().name());
            update.setString(3, capsule.request().language().id());
            update.setString(4, capsule.request().description());
            CapsuleRows.setInstant(update, 5, capsule.manifest().createdAt());
            CapsuleRows.setInstant(update, 6, now);
            update.setString(7, capsule.id());
            update.executeUpdate();
        }
    }

    /**
     * Stores each distinct content once, in hash order so concurrent writers lock blobs in the same order. Contents
     * already stored are looked up first and skipped: H2 runs {@code ON CONFLICT DO NOTHING} as an insert that fails
     * with a duplicate-key exception and a rollback to a savepoint, which made every cache hit (whose contents are
     * all stored) pay for one exception per file.
     */
    private static SortedMap<String, String> insertBlobs(Connection connection, List<CapsuleFile> files)
            throws SQLException {
        ContentHashes content = ContentHashes.of(files);
        SortedMap<String, String> hashes = content.hashByPath();
        SortedMap<String, String> contentByHash = new TreeMap<>(content.contentByHash());
        if (contentByHash.isEmpty()) {
            return hashes;
        }
        contentByHash.keySet().removeAll(storedBlobs(connection, contentByHash.keySet()));
        if (contentByHash.isEmpty()) {
            return hashes;
        }
        for (List<Map.Entry<String, String>> rows : chunks(new ArrayList<>(contentByHash.entrySet()))) {
            try (PreparedStatement insert = connection.prepareStatement(insertContents(rows.size()))) {
                bindContents(insert, 1, rows);
                insert.executeUpdate();
            }
        }
        return hashes;
    }

    /** Which of {@code hashes} name a stored blob; a blob is never changed, so a stored one can be skipped. */
    private static Set<String> storedBlobs(Connection connection, Set<String> hashes) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sha256 FROM qlp_blobs WHERE sha256 = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("VARCHAR", hashes.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1).trim());
                }
            }
        }
        return stored;
    }

    private static void insertVersion(Connection connection, Capsule capsule, int number, @Nullable Integer parent,
                                      VersionMetadata metadata, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_VERSION)) {
            bindVersion(insert, 1, capsule, number, parent, metadata, now);
            insert.executeUpdate();
        }
    }

    /** Inserts one version's row; parameters bound by {@link #bindVersion}. */
    static final String INSERT_VERSION = "INSERT INTO qlp_versions (capsule_id, version, parent_version, author,"
            + " message, request_id, created_at, status, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Binds {@link #INSERT_VERSION}'s parameters from {@code first} on; returns the index after them. */
    static int bindVersion(PreparedStatement insert, int first, Capsule capsule, int number, @Nullable Integer parent,
                           VersionMetadata metadata, Instant now) throws SQLException {
        insert.setString(first, capsule.id());
        insert.setInt(first + 1, number);
        CapsuleRows.setNullableInt(insert, first + 2, parent);
        insert.setString(first + 3, metadata.author());
        insert.setString(first + 4, metadata.message());
        CapsuleRows.setNullableString(insert, first + 5, metadata.requestId());
        CapsuleRows.setInstant(insert, first + 6, now);
        insert.setString(first + 7, capsule.status().name());
        insert.setString(first + 8, CapsuleRows.body(capsule));
        return first + 9;
    }

    private static void insertFiles(Connection connection, Capsule capsule, int number, Map<String, String> hashes)
            throws SQLException {
        if (capsule.files().isEmpty()) {
            return;
        }
        int ordinal = 0;
        for (List<CapsuleFile> rows : chunks(capsule.files())) {
            try (PreparedStatement insert = connection.prepareStatement(insertFiles(rows.size()))) {
                bindFiles(insert, 1, capsule.id(), number, rows, ordinal, hashes);
                insert.executeUpdate();
            }
            ordinal += rows.size();
        }
    }

    private static void insertUsage(Connection connection, Capsule capsule, int number) throws SQLException {
        List<TierUsage> usage = capsule.usage().perTier();
        if (usage.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(insertUsage(usage.size()))) {
            bindUsage(insert, 1, capsule.id(), number, usage);
            insert.executeUpdate();
        }
    }

    /** Inserts {@code count} contents unless stored; parameters bound by {@link #bindContents}. */
    static String insertContents(int count) {
        return "INSERT INTO qlp_blobs (sha256, size_bytes, content) VALUES " + rows(count, 3)
                + " ON CONFLICT DO NOTHING";
    }

    /** Binds {@link #insertContents}'s parameters from {@code first} on; returns the index after them. */
    static int bindContents(PreparedStatement insert, int first, Collection<Map.Entry<String, String>> contentByHash)
            throws SQLException {
        int next = first;
        for (Map.Entry<String, String> blob : contentByHash) {
            insert.setString(next++, blob.getKey());
            insert.setLong(next++, blob.getValue().getBytes(StandardCharsets.UTF_8).length);
            insert.setString(next++, blob.getValue());
        }
        return next;
    }

    /** Inserts the rows of {@code count} files of one version; parameters bound by {@link #bindFiles}. */
    static String insertFiles(int count) {
        return "INSERT INTO qlp_version_files (capsule_id, version, ordinal, path, role, sha256) VALUES "
                + rows(count, 6);
    }

    /**
     * Binds {@link #insertFiles}'s parameters from {@code first} on, for {@code files} in the capsule's order, the
     * first of them at {@code firstOrdinal}; returns the index after them.
     */
    static int bindFiles(PreparedStatement insert, int first, String capsuleId, int number, List<CapsuleFile> files,
                         int firstOrdinal, Map<String, String> hashByPath) throws SQLException {
        int next = first;
        int ordinal = firstOrdinal;
        for (CapsuleFile file : files) {
            insert.setString(next++, capsuleId);
            insert.setInt(next++, number);
            insert.setInt(next++, ordinal++);
            insert.setString(next++, file.path());
            insert.setString(next++, file.role().name());
            insert.setString(next++, hashByPath.get(file.path()));
        }
        return next;
    }

    /** Inserts {@code count} usage rows of one version; parameters bound by {@link #bindUsage}. */
    static String insertUsage(int count) {
        return "INSERT INTO qlp_usage (capsule_id, version, tier, calls, input_tokens, output_tokens, cost_usd)"
                + " VALUES " + rows(count, 7);
    }

    /** Binds {@link #insertUsage}'s parameters from {@code first} on; returns the index after them. */
    static int bindUsage(PreparedStatement insert, int first, String capsuleId, int number, List<TierUsage> usage)
            throws SQLException {
        int next = first;
        for (TierUsage tier : usage) {
            insert.setString(next++, capsuleId);
            insert.setInt(next++, number);
            insert.setString(next++, tier.tier().name());
            insert.setInt(next++, tier.calls());
            insert.setLong(next++, tier.inputTokens());
            insert.setLong(next++, tier.outputTokens());
            insert.setBigDecimal(next++, tier.costUsd());
        }
        return next;
    }

    /**
     * {@code rows} in parts of at most {@link #ROWS_PER_STATEMENT}: a statement takes at most 65,535 parameters
     * (PostgreSQL's protocol), and a capsule may have thousands of files.
     */
    static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** {@code count} rows of {@code columns} parameters for a multi-row {@code VALUES}. */
    private static String rows(int count, int columns) {
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            rows.add(row);
        }
        return rows.toString();
    }
}
