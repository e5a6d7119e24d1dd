package io.qlp.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.StoreSettings;
import io.qlp.core.store.jdbc.JdbcCapsuleStore;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Keeps capsules in the application's database: with {@code qlp.store.type=jdbc}, no {@code qlp.store.jdbc-url} and a
 * {@link DataSource} bean, the {@link JdbcCapsuleStore} connects with that data source's URL, user and password (read
 * from Hikari, Spring Boot's default pool, or else from {@code spring.datasource.*}). The store keeps a small pool of
 * its own, so its transactions and Flyway history ({@value JdbcCapsuleStore#SCHEMA_HISTORY_TABLE}) stay apart from
 * the application's. An explicit {@code qlp.store.jdbc-url} wins over the data source.
 *
 * <p>Example ({@code application.yaml}):
 * <pre>{@code
 * spring.datasource.url: jdbc:postgresql://127.0.0.1:5432/app
 * qlp.store: {type: jdbc, schema: qlp}
 * }</pre>
 */
@AutoConfiguration(before = QlpAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({DataSource.class, JdbcCapsuleStore.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "qlp.store.type", havingValue = StoreSettings.JDBC)
public class QlpJdbcStoreAutoConfiguration {

    /** The JDBC store, on {@code qlp.store.jdbc-url} when set, else on the application's data source. */
    @Bean
    @ConditionalOnMissingBean
    public CapsuleStore qlpCapsuleStore(QlpProperties properties, DataSource dataSource, Environment environment) {
        QlpSettings settings = properties.toSettings();
        StoreSettings store = settings.store();
        if (store.jdbcUrl() != null && !store.jdbcUrl().isBlank()) {
            return GeneratorFactory.openStore(settings, QlpAutoConfiguration.lookup(environment));
        }
        Connection connection = Connection.of(dataSource, environment);
        StoreSettings onDataSource = new StoreSettings(StoreSettings.JDBC, connection.url(),
                store.username() != null ? store.username() : connection.username(),
                store.password() != null || store.passwordEnv() != null ? store.password() : connection.password(),
                store.passwordEnv(), store.schema(), store.maximumPoolSize(), store.connectionTimeout(),
                store.cache());
        return GeneratorFactory.openStore(new QlpSettings(settings.tiers(), settings.generation(), settings.dataDir(),
                onDataSource, settings.export(), settings.memory(), settings.cache()),
                QlpAutoConfiguration.lookup(environment));
    }

    /** Reads Hikari's settings; only loaded when Hikari is on the class path. */
    private static final class Hikari {

        static @Nullable Connection connection(DataSource dataSource) {
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                    if (hikari.getJdbcUrl() != null) {
                        return new Connection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
                    }
                }
                return null;
            } catch (SQLException e) {
                // Not a Hikari pool after all; the spring.datasource properties still describe it.
                return null;
            }
        }
    }

    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

    /** How to reach the data source's database. */
    record Connection(String url, @Nullable String username, @Nullable String password) {

        static Connection of(DataSource dataSource, Environment environment) {
            if (ClassUtils.isPresent(HIKARI, Connection.class.getClassLoader())) {
                Connection hikari = Hikari.connection(dataSource);
                if (hikari != null) {
                    return hikari;
                }
            }
            String url = environment.getProperty("spring.datasource.url");
            if (url == null || url.isBlank()) {
                throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "qlp.store.type is jdbc, but the "
                        + "application's DataSource does not say its URL; set qlp.store.jdbc-url",
                        Map.of("key", "qlp.store.jdbc-url"));
            }
            return new Connection(url, environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"));
        }
    }
}
