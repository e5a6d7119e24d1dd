package io.qlp.core.store.jdbc;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns JDBC failures into retriable {@link ErrorCode#STORE_FAILURE} errors that say what went wrong. */
final class SqlFailures {

    /**
     * Unique key taken or shared content removed by a concurrent writer, serialization failure, deadlock, lock
     * timeouts (PostgreSQL, H2).
     */
    private static final Set<String> RETRY_INSIDE = Set.of("23503", "23505", "23506", "40001", "40P01", "55P03", "HYT00");
    /** H2's vendor codes for a lock timeout and a concurrent update. */
    private static final Set<Integer> H2_RETRY_INSIDE = Set.of(50200, 90131);
    /** H2: the database file is locked by another process. */
    private static final int H2_DATABASE_IN_USE = 90020;

    private SqlFailures() {
    }

    /** Whether a fresh transaction may succeed where this one failed because of a concurrent writer. */
    static boolean isConcurrencyFailure(SQLException e) {
        // Set.of(...).contains(null) throws, and pool timeouts carry no SQLState.
        String state = e.getSQLState();
        return (state != null && RETRY_INSIDE.contains(state)) || H2_RETRY_INSIDE.contains(e.getErrorCode());
    }

    /** A retriable store failure describing {@code e}, raised while doing {@code operation}. */
    static RetriableQlpException translate(SQLException e, String operation, String storeName,
                                           @Nullable String capsuleId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("store", storeName);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        details.put("sqlState", state);
        String reason;
        String message;
        if (e instanceof SQLTransientConnectionException) {
            reason = "pool_exhausted";
            message = "no database connection became free in time (" + firstLine(e)
                    + "); the pool is busy or the database is unreachable";
        } else if (state.startsWith("08") || state.startsWith("57P")) {
            reason = "connection_lost";
            message = "the database connection was lost or refused (" + firstLine(e)
                    + "); the pool replaces broken connections, so the next try may succeed";
        } else if (e.getErrorCode() == H2_DATABASE_IN_USE) {
            reason = "database_in_use";
            message = "the embedded database is open in another process (" + firstLine(e) + ")";
        } else if (isConcurrencyFailure(e)) {
            reason = "contention";
            message = "concurrent writers kept colliding (" + firstLine(e) + ")";
        } else {
            reason = "sql_error";
            message = firstLine(e);
        }
        details.put("reason", reason);
        return new RetriableQlpException(ErrorCode.STORE_FAILURE, "capsule store '" + storeName + "' could not "
                + operation + ": " + message, new ErrorContext(null, Stage.STORE, capsuleId), details, e);
    }

    private static String firstLine(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
