package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qlp.server.security.ApiKeys;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server on the JDBC store in the real PostgreSQL (a schema of its own), without a model: 503 while no model is
 * configured, and 503 with {@code Retry-After} while the database cannot answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresStoreTest {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "qlp_server_" + UUID.randomUUID().toString().replace("-", "");
    static final String KEY = "pg-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("qlp.store.type", () -> "jdbc");
        registry.add("qlp.store.jdbc-url", () -> URL);
        registry.add("qlp.store.username", () -> "postgres");
        registry.add("qlp.store.schema", () -> SCHEMA);
        registry.add("qlp.store.connection-timeout", () -> "PT2S");
        registry.add("qlp.memory.enabled", () -> "false");
        registry.add("qlp.server.api-keys[0].tenant", () -> "acme");
        registry.add("qlp.server.api-keys[0].sha256", () -> ApiKeys.sha256Hex(KEY));
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        sql("DROP SCHEMA IF EXISTS " + SCHEMA + "_away CASCADE");
    }

    @Test
    void should_answer_503_with_a_configuration_error_when_no_model_is_configured() {
        HttpResponse<String> response = new Api(port, KEY).generate("A stack of ints, with tests", false);

        JsonNode error = ServerTestSupport.error(response, 503, "configuration");
        assertThat(error.path("message").asText()).contains("qlp.tiers");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void should_answer_503_with_retry_after_while_the_database_cannot_answer_and_recover_after() throws SQLException {
        Api api = new Api(port, KEY);
        assertThat(api.get("/v1/capsules").statusCode()).isEqualTo(200);
        ServerTestSupport.error(api.get("/v1/capsule/none"), 404, "capsule_not_found");

        sql("ALTER SCHEMA " + SCHEMA + " RENAME TO " + SCHEMA + "_away");
        HttpResponse<String> down;
        HttpResponse<String> health;
        try {
            down = api.get("/v1/capsule/none");
            health = new Api(port, "").get("/health");
        } finally {
            sql("ALTER SCHEMA " + SCHEMA + "_away RENAME TO " + SCHEMA);
        }

        JsonNode error = ServerTestSupport.error(down, 503, "store_failure");
        assertThat(error.path("details").path("retriable").asBoolean()).isTrue();
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(down.body()).doesNotContain("jdbc:", "postgres", SCHEMA);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(Api.read(health).path("store").asText()).isEqualTo("DOWN");
        assertThat(api.get("/v1/capsules").statusCode()).as("recovers once the schema is back").isEqualTo(200);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
             Statement st = connection.createStatement()) {
            st.execute(statement);
        }
    }
}
