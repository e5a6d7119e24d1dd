package io.qlp.core.store.jdbc;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.TierUsage;
import io.qlp.api.VersionMetadata;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Writes a capsule with a new id as its version 1 on PostgreSQL in one round trip: the capsule's row, its missing
 * contents, the version, its files, usage and audit line go as one prepared multi-statement request, which the
 * PostgreSQL driver sends with a single sync. Every generation and every cache hit stores a new id, so this is the
 * store's common write; the general path in {@link VersionWriter} needs six round trips for it, and each costs
 * both processes CPU time.
 *
 * <p>The capsule's row is inserted without {@code ON CONFLICT}: when the id is taken, its key fails, the
 * transaction (of which this write must be the only work) is rolled back and the caller takes the general path.
 */
final class NewCapsuleWrite {

    private static final String UNIQUE_VIOLATION = "23505";

    private NewCapsuleWrite() {
    }

    /**
     * The stored version 1, or empty when a capsule with this id exists (after a rollback) or the capsule has more
     * files than one insert takes (before anything is sent).
     */
    static Optional<CapsuleVersion> tryWrite(Connection connection, Capsule capsule, VersionMetadata metadata,
                                             Instant now) throws SQLException {
        ContentHashes content = ContentHashes.of(capsule.files());
        List<TierUsage> usage = capsule.usage().perTier();
        if (capsule.files().size() > VersionWriter.ROWS_PER_STATEMENT) {
            // More rows than one insert takes: the general path writes them in parts.
            return Optional.empty();
        }
        try (PreparedStatement write = connection.prepareStatement(sql(content.contentByHash().size(),
                capsule.files().size(), usage.size()))) {
            int next = VersionWriter.bindCapsule(write, 1, capsule, now);
            next = VersionWriter.bindContents(write, next, content.contentByHash().entrySet());
            next = VersionWriter.bindVersion(write, next, capsule, 1, null, metadata, now);
            next = VersionWriter.bindFiles(write, next, capsule.id(), 1, capsule.files(), 0, content.hashByPath());
            next = VersionWriter.bindUsage(write, next, capsule.id(), 1, usage);
            Audit.bind(write, next, now, metadata.author(), "create", capsule.id(), 1, metadata.requestId(),
                    metadata.message());
            write.execute();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // The id is taken (or another key clashed, which the general path reports in its own words).
            connection.rollback();
            return Optional.empty();
        }
        return Optional.of(new CapsuleVersion(capsule.id(), 1, null, metadata.author(), metadata.message(),
                metadata.requestId(), now, capsule.status(), content.hashByPath()));
    }

    /** One request of several statements; its text depends only on the three counts, so the driver reuses it. */
    private static String sql(int contents, int files, int usage) {
        StringJoiner sql = new StringJoiner("; ");
        sql.add(VersionWriter.INSERT_CAPSULE);
        if (contents > 0) {
            sql.add(VersionWriter.insertContents(contents));
        }
        sql.add(VersionWriter.INSERT_VERSION);
        if (files > 0) {
            sql.add(VersionWriter.insertFiles(files));
        }
        if (usage > 0) {
            sql.add(VersionWriter.insertUsage(usage));
        }
        return sql.add(Audit.INSERT).toString();
    }
}
