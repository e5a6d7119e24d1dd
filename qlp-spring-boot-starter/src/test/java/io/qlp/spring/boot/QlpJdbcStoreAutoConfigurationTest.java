package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.qlp.api.Capsule;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.store.CachingCapsuleStore;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.store.jdbc.JdbcCapsuleStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JDBC store on the application's data source, against the real PostgreSQL on 127.0.0.1:5432. */
class QlpJdbcStoreAutoConfigurationTest {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "qlp_starter_test";

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class,
                        QlpJdbcStoreAutoConfiguration.class))
                .withPropertyValues("qlp.data-dir=" + dataDir, "qlp.memory.enabled=false");
    }

    @Test
    void should_keep_capsules_in_the_applications_database_when_the_store_type_is_jdbc() {
        runner().withUserConfiguration(AppDataSource.class)
                .withPropertyValues("qlp.store.type=jdbc", "qlp.store.schema=" + SCHEMA,
                        "qlp.store.maximum-pool-size=2")
                .run(context -> {
                    assertThat(context).hasSingleBean(CapsuleStore.class);
                    CapsuleStore store = context.getBean(CapsuleStore.class);
                    assertThat(store).isInstanceOfSatisfying(CachingCapsuleStore.class,
                            cached -> assertThat(cached.delegate()).isInstanceOf(JdbcCapsuleStore.class));
                    Capsule capsule = Capsules.sample();

                    store.save(capsule);

                    assertThat(store.find(capsule.id())).contains(capsule);
                    assertThat(tablesIn(context.getBean(DataSource.class), SCHEMA)).isPositive();
                    assertThat(store.delete(capsule.id())).isTrue();
                });
    }

    @Test
    void should_prefer_an_explicit_jdbc_url_over_the_data_source() {
        runner().withUserConfiguration(AppDataSource.class)
                .withPropertyValues("qlp.store.type=jdbc", "qlp.store.jdbc-url=jdbc:postgresql://127.0.0.1:5432/postgres",
                        "qlp.store.username=postgres", "qlp.store.schema=" + SCHEMA, "qlp.store.maximum-pool-size=1")
                .run(context -> assertThat(context.getBean(CapsuleStore.class).toString()).contains("/postgres"));
    }

    @Test
    void should_back_off_without_a_data_source() {
        runner().withPropertyValues("qlp.store.type=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NonRetriableQlpException.class)
                    .hasMessageContaining("qlp.store.jdbc-url");
        });
    }

    @Test
    void should_back_off_when_the_jdbc_store_is_not_on_the_class_path() {
        runner().withUserConfiguration(AppDataSource.class)
                .withClassLoader(new FilteredClassLoader(JdbcCapsuleStore.class))
                .withPropertyValues("qlp.store.type=in-memory")
                .run(context -> assertThat(context.getBean(CapsuleStore.class))
                        .isInstanceOf(InMemoryCapsuleStore.class));
    }

    @Test
    void should_back_off_when_the_user_defines_the_store() {
        runner().withUserConfiguration(AppDataSource.class, UserStore.class)
                .withPropertyValues("qlp.store.type=jdbc")
                .run(context -> assertThat(context.getBean(CapsuleStore.class)).isSameAs(UserStore.STORE));
    }

    private static int tablesIn(DataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from information_schema.tables where table_schema = ?")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The application's pool, as Spring Boot would build it from spring.datasource.*. */
    @Configuration(proxyBeanMethods = false)
    static class AppDataSource {
        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(URL);
            dataSource.setUsername("postgres");
            dataSource.setMaximumPoolSize(2);
            return dataSource;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {
        static final InMemoryCapsuleStore STORE = new InMemoryCapsuleStore();

        @Bean
        CapsuleStore userStore() {
            return STORE;
        }
    }
}
