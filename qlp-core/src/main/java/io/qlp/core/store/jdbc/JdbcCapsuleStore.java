package io.qlp.core.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.Usage;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CapsuleStore} in a relational database: PostgreSQL, or an embedded H2 file that needs no server. Every
 * version of every capsule is kept; file contents are stored once per distinct SHA-256; each write (capsule row,
 * version, files, usage, audit line) is one transaction. Connections come from a HikariCP pool; the schema is
 * created and upgraded by Flyway when the store is built (history table {@value #SCHEMA_HISTORY_TABLE}).
 *
 * <p>Failures are retriable {@link ErrorCode#STORE_FAILURE} errors whose {@code reason} detail says what happened:
 * {@code pool_exhausted} (no connection free within the connection timeout), {@code connection_lost} (the database
 * restarted or closed the connection; the pool drops broken connections and opens new ones by itself),
 * {@code database_in_use} (another process holds the embedded file), {@code contention} or {@code sql_error}.
 * Writers of the same capsule take turns on its row lock; collisions between concurrent transactions are retried a
 * few times inside the store.
 *
 * <p>Example:
 * <pre>{@code
 * try (JdbcCapsuleStore store = JdbcCapsuleStore.builder()
 *         .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/qlp").username("qlp").password(secret)
 *         .build()) {
 *     store.save(capsule);
 *     store.history(capsule.id()).forEach(System.out::println);
 * }
 * CapsuleStore embedded = JdbcCapsuleStore.embedded(Path.of(System.getProperty("user.home"), ".qlp"));
 * }</pre>
 */
public final class JdbcCapsuleStore implements CapsuleStore {

    /** Flyway's history table; its own name, so the store can share a schema with other Flyway users. */
    public static final String SCHEMA_HISTORY_TABLE = "qlp_store_schema_history";
    /** Where the migrations live on the class path. */
    public static final String MIGRATIONS = "classpath:io/qlp/core/store/jdbc/migration";
    /** Longest capsule id the schema holds. */
    public static final int MAX_ID_LENGTH = 200;

    private static final int MAX_TRANSACTION_ATTEMPTS = 6;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final String name;
    private final String actor;
    private final Clock clock;
    private final VersionWriter writer;
    /**
     * On H2, writers take turns; readers do not wait for them. An H2 commit writes no file (a background thread
     * does), so a write is CPU work only, and writers running side by side cost more CPU per write (their
     * copy-on-write changes of the same B-tree pages collide and are redone) without finishing sooner: measured with
     * 16 threads saving cache hits, 0.67–0.73 ms of CPU per save taking turns against 0.74–1.04 ms with four at once.
     * PostgreSQL writers run side by side.
     */
    private final @Nullable ReentrantLock writerTurn;

    private JdbcCapsuleStore(HikariDataSource dataSource, Dialect dialect, String name, String actor, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.name = name;
        this.actor = actor;
        this.clock = clock;
        this.writer = new VersionWriter(dialect);
        this.writerTurn = dialect == Dialect.H2 ? new ReentrantLock() : null;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The embedded store under {@code dataDir}: an H2 file at {@code dataDir/store/qlp.mv.db}, created if needed. */
    public static JdbcCapsuleStore embedded(Path dataDir) {
        return builder().embedded(dataDir).build();
    }

    /** The pool, for health checks and reports in SQL; closing the store closes it. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public CapsuleVersion save(Capsule capsule, VersionMetadata metadata) {
        return write(capsule, null, metadata);
    }

    @Override
    public CapsuleVersion append(Capsule capsule, int baseVersion, VersionMetadata metadata) {
        if (baseVersion < 1) {
            throw new IllegalArgumentException("base version must be at least 1: " + baseVersion);
        }
        return write(capsule, baseVersion, metadata);
    }

    private CapsuleVersion write(Capsule capsule, @Nullable Integer baseVersion, VersionMetadata metadata) {
        Objects.requireNonNull(capsule, "capsule");
        Objects.requireNonNull(metadata, "metadata");
        if (capsule.id().length() > MAX_ID_LENGTH) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "capsule id is " + capsule.id().length()
                    + " characters; the store holds at most " + MAX_ID_LENGTH, Map.of("field", "id"));
        }
        // Microseconds are what both databases keep, so the returned version equals the one read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return inTransaction("store capsule '" + capsule.id() + "'", capsule.id(),
                connection -> writer.write(connection, capsule, baseVersion, metadata, now));
    }

    @Override
    public Optional<Capsule> find(String id) {
        Objects.requireNonNull(id, "id");
        return read("read capsule '" + id + "'", id, connection -> CapsuleReader.latest(connection, id));
    }

    @Override
    public Optional<Capsule> findVersion(String id, int version) {
        Objects.requireNonNull(id, "id");
        return read("read version " + version + " of capsule '" + id + "'", id,
                connection -> CapsuleReader.version(connection, id, version));
    }

    @Override
    public List<CapsuleVersion> history(String id) {
        Objects.requireNonNull(id, "id");
        return read("read the history of capsule '" + id + "'", id, connection -> CapsuleReader.history(connection, id));
    }

    @Override
    public List<Capsule> list(CapsuleQuery query) {
        Objects.requireNonNull(query, "query");
        return read("list capsules", null, connection -> CapsuleReader.list(connection, query));
    }

    /** The audit log of the capsule, oldest first; kept after the capsule is deleted. */
    public List<AuditEntry> audit(String capsuleId) {
        Objects.requireNonNull(capsuleId, "capsuleId");
        return read("read the audit log of capsule '" + capsuleId + "'", capsuleId,
                connection -> Audit.read(connection, capsuleId));
    }

    /** Tokens and cost of the latest version of every stored capsule, per tier. */
    public Usage totalUsage() {
        return read("sum usage", null, CapsuleReader::totalUsage);
    }

    /**
     * Deletes the capsule, its versions and the file contents no other version uses; the audit log keeps a
     * {@code delete} line.
     */
    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return inTransaction("delete capsule '" + id + "'", id, connection -> {
            List<String> hashes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT sha256 FROM qlp_version_files WHERE capsule_id = ? ORDER BY sha256")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        hashes.add(row.getString(1));
                    }
                }
            }
            int deleted;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM qlp_capsules WHERE id = ?")) {
                delete.setString(1, id);
                deleted = delete.executeUpdate();
            }
            if (deleted == 0) {
                return false;
            }
            if (!hashes.isEmpty()) {
                try (PreparedStatement purge = connection.prepareStatement("DELETE FROM qlp_blobs WHERE sha256 = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM qlp_version_files f WHERE f.sha256 = qlp_blobs.sha256)")) {
                    for (String hash : hashes) {
                        purge.setString(1, hash);
                        purge.addBatch();
                    }
                    purge.executeBatch();
                }
            }
            Audit.record(connection, clock.instant().truncatedTo(ChronoUnit.MICROS), actor, "delete", id, null, null,
                    null);
            return true;
        });
    }

    /** Closes the pool. */
    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "JdbcCapsuleStore[" + name + ", " + dialect + "]";
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(String operation, @Nullable String capsuleId, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            // One snapshot for the several queries a read makes, so a concurrent delete cannot split them.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, operation, name, capsuleId);
        }
    }

    private <T> T inTransaction(String operation, @Nullable String capsuleId, SqlWork<T> work) {
        if (writerTurn == null) {
            return inTransactionNow(operation, capsuleId, work);
        }
        long waitMillis = dataSource.getConnectionTimeout();
        try {
            // Bounded like waiting for a pooled connection, which this wait replaces for writers.
            if (!writerTurn.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new RetriableQlpException(ErrorCode.STORE_FAILURE, "capsule store '" + name + "' is busy: could"
                        + " not " + operation + " within " + waitMillis + " ms", ErrorContext.empty()
                        .withStage(Stage.STORE).withCapsuleId(capsuleId), Map.of("store", name, "reason", "busy"),
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.STORE_FAILURE, "interrupted while waiting to " + operation,
                    ErrorContext.empty().withStage(Stage.STORE).withCapsuleId(capsuleId), Map.of("store", name), e);
        }
        try {
            return inTransactionNow(operation, capsuleId, work);
        } finally {
            writerTurn.unlock();
        }
    }

    private <T> T inTransactionNow(String operation, @Nullable String capsuleId, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < MAX_TRANSACTION_ATTEMPTS && SqlFailures.isConcurrencyFailure(e)) {
                    pauseBeforeRetry(attempt);
                    continue;
                }
                throw SqlFailures.translate(e, operation, name, capsuleId);
            }
        }
    }

    /** A short, growing, random pause, so colliding writers do not collide again in step. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.STORE_FAILURE, "interrupted while retrying a store write");
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it, and the caller reports the original failure.
        }
    }

    /** Builds {@link JdbcCapsuleStore}s. Either {@link #jdbcUrl(String)} or {@link #embedded(Path)} is required. */
    public static final class Builder {
        private @Nullable String jdbcUrl;
        private @Nullable Path embeddedDir;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable String schema;
        private @Nullable Integer maximumPoolSize;
        private @Nullable Duration connectionTimeout;
        private final Map<String, String> driverProperties = new LinkedHashMap<>();
        private @Nullable String actor;
        private @Nullable Clock clock;

        private Builder() {
        }

        /** The database, such as {@code jdbc:postgresql://127.0.0.1:5432/qlp}; cannot be combined with embedded. */
        public Builder jdbcUrl(String url) {
            if (url == null || !url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("JDBC URL must start with 'jdbc:': " + url);
            }
            if (jdbcUrl != null || embeddedDir != null) {
                throw new IllegalStateException("the database was already set to " + describe()
                        + "; cannot also use " + url);
            }
            jdbcUrl = url;
            return this;
        }

        /** An embedded H2 file under {@code dataDir/store}; cannot be combined with a JDBC URL. */
        public Builder embedded(Path dataDir) {
            Objects.requireNonNull(dataDir, "dataDir");
            if (jdbcUrl != null || embeddedDir != null) {
                throw new IllegalStateException("the database was already set to " + describe()
                        + "; cannot also use the embedded store under " + dataDir);
            }
            embeddedDir = dataDir;
            return this;
        }

        /** The database user. */
        public Builder username(String value) {
            requireUnset(username, "username");
            username = value;
            return this;
        }

        /** The database password. */
        public Builder password(String value) {
            requireUnset(password, "password");
            password = value;
            return this;
        }

        /** The schema that holds the tables, created if missing; the connection's default schema when unset. */
        public Builder schema(String value) {
            requireUnset(schema, "schema");
            if (value == null || !value.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("schema must be a plain SQL identifier: " + value);
            }
            schema = value;
            return this;
        }

        /** Most open connections; default 10, or 4 for the embedded store. */
        public Builder maximumPoolSize(int value) {
            requireUnset(maximumPoolSize, "maximumPoolSize");
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("maximum pool size must be between 1 and 1000: " + value);
            }
            maximumPoolSize = value;
            return this;
        }

        /** How long a call waits for a free connection before failing with {@code pool_exhausted}; default 5 s. */
        public Builder connectionTimeout(Duration value) {
            requireUnset(connectionTimeout, "connectionTimeout");
            if (value.compareTo(Duration.ofMillis(250)) < 0) {
                throw new IllegalArgumentException("connection timeout must be at least 250 ms: " + value);
            }
            connectionTimeout = value;
            return this;
        }

        /** A property handed to the JDBC driver, such as PostgreSQL's {@code ApplicationName}. */
        public Builder driverProperty(String key, String value) {
            if (driverProperties.containsKey(key)) {
                throw new IllegalStateException("driver property " + key + " was already set");
            }
            driverProperties.put(key, value);
            return this;
        }

        /** Who the audit log names for deletions; default the operating system user. */
        public Builder actor(String value) {
            requireUnset(actor, "actor");
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("actor must not be blank: '" + value + "'");
            }
            actor = value;
            return this;
        }

        /** The clock for version and audit times; default the system clock. */
        public Builder clock(Clock value) {
            requireUnset(clock, "clock");
            clock = value;
            return this;
        }

        /**
         * Opens the pool and brings the schema up to date.
         *
         * @throws IllegalStateException when neither a JDBC URL nor an embedded folder is set
         * @throws RetriableQlpException with {@link ErrorCode#STORE_FAILURE} when the database cannot be reached or
         *     migrated
         */
        public JdbcCapsuleStore build() {
            if (jdbcUrl == null && embeddedDir == null) {
                throw new IllegalStateException("set jdbcUrl(...) or embedded(dataDir)");
            }
            String url = jdbcUrl != null ? jdbcUrl : embeddedUrl(embeddedDir);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setPoolName("qlp-store");
            if (username != null) config.setUsername(username);
            else if (embeddedDir != null) config.setUsername("sa");
            if (password != null) config.setPassword(password);
            if (schema != null) config.setSchema(schema);
            config.setMaximumPoolSize(maximumPoolSize != null ? maximumPoolSize : embeddedDir != null ? 4 : 10);
            config.setMinimumIdle(1);
            config.setConnectionTimeout((connectionTimeout != null ? connectionTimeout : Duration.ofSeconds(5)).toMillis());
            config.setAutoCommit(true);
            driverProperties.forEach(config::addDataSourceProperty);
            String storeName = embeddedDir != null ? "embedded " + embeddedDir : redacted(url);
            HikariDataSource dataSource;
            try {
                dataSource = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw startFailure(storeName, e);
            }
            try {
                Dialect dialect;
                try (Connection connection = dataSource.getConnection()) {
                    dialect = Dialect.of(connection);
                }
                migrate(url, dialect);
                String who = actor != null ? actor : System.getProperty("user.name", "qlp");
                return new JdbcCapsuleStore(dataSource, dialect, storeName, who,
                        clock != null ? clock : Clock.systemUTC());
            } catch (SQLException e) {
                dataSource.close();
                throw SqlFailures.translate(e, "open", storeName, null);
            } catch (RuntimeException e) {
                dataSource.close();
                throw startFailure(storeName, e);
            }
        }

        /** Migrates over connections of its own, since Flyway may need more at once than a small pool has. */
        private void migrate(String url, Dialect dialect) {
            String user = username != null ? username : embeddedDir != null ? "sa" : null;
            var flyway = Flyway.configure(JdbcCapsuleStore.class.getClassLoader())
                    .dataSource(url, user, password)
                    .locations(MIGRATIONS)
                    .table(SCHEMA_HISTORY_TABLE)
                    .placeholders(dialect.placeholders())
                    .baselineOnMigrate(true)
                    .baselineVersion("0");
            if (schema != null) {
                flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
            flyway.load().migrate();
        }

        private static String embeddedUrl(Path dataDir) {
            Path folder = dataDir.toAbsolutePath().normalize().resolve("store");
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "cannot create the embedded store folder "
                        + folder + ": " + e.getMessage(), Map.of("folder", folder.toString()));
            }
            // PostgreSQL mode keeps the SQL portable; a longer lock timeout lets concurrent writers take turns.
            return "jdbc:h2:file:" + folder.resolve("qlp") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        }

        private static QlpException startFailure(String storeName, RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof QlpException qlp) {
                    return qlp;
                }
                if (cause instanceof SQLException sql) {
                    return SqlFailures.translate(sql, "open", storeName, null);
                }
            }
            String what = e instanceof FlywayException ? "migrate its schema" : "open";
            return new RetriableQlpException(ErrorCode.STORE_FAILURE, "capsule store '" + storeName + "' could not "
                    + what + ": " + e.getMessage(), ErrorContext.empty().withStage(Stage.STORE),
                    Map.of("store", storeName, "reason", "sql_error"), e);
        }

        /** The URL without query parameters, which may carry a password. */
        private static String redacted(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }

        private String describe() {
            return jdbcUrl != null ? redacted(jdbcUrl) : "embedded under " + embeddedDir;
        }

        private static void requireUnset(@Nullable Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
