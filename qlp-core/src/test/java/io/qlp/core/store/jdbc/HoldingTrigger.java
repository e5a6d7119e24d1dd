package io.qlp.core.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.api.Trigger;

/**
 * An H2 trigger that holds the insert of a file row at {@link #HELD_PATH} until {@link #release} is counted down, so a
 * test can keep one store write open while others run.
 */
public final class HoldingTrigger implements Trigger {

    static final String HELD_PATH = "src/main/java/demo/Held.java";
    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        // Columns of qlp_version_files: capsule_id, version, ordinal, path, role, sha256.
        if (newRow != null && HELD_PATH.equals(newRow[3])) {
            entered.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new SQLException("the test never released the held write");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException(e);
            }
        }
    }
}
