package io.qlp.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.ErrorCode;
import io.qlp.api.RetriableQlpException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void should_translate_a_failure_without_sql_state_into_a_retriable_store_failure() {
        // HikariCP's pool timeout carries no SQLState.
        SQLException poolTimeout = new SQLTransientConnectionException("Connection is not available, request timed out");

        assertThat(SqlFailures.isConcurrencyFailure(poolTimeout)).isFalse();
        RetriableQlpException error = SqlFailures.translate(poolTimeout, "save", "embedded", "c-1");
        assertThat(error.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(error.details()).containsEntry("sqlState", "");
    }

    @Test
    void should_recognise_a_serialization_failure_as_contention() {
        assertThat(SqlFailures.isConcurrencyFailure(new SQLException("could not serialize access", "40001"))).isTrue();
    }
}
