package io.qlp.core.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** An H2 trigger that fails the insert of a file row at {@link #poisonPath}, halfway through a store write. */
public final class PoisonPathTrigger implements Trigger {

    static volatile String poisonPath = "";

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        // Columns of qlp_version_files: capsule_id, version, ordinal, path, role, sha256.
        if (newRow != null && poisonPath.equals(newRow[3])) {
            throw new SQLException("poisoned path " + newRow[3], "P0001");
        }
    }
}
