package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.server.security.ApiKeys;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server on a random port with the embedded store in a fresh folder, no memory, two tenants, a generous rate
 * limit and a 64 KB body limit, generating against a loopback OpenAI-compatible model. Every subclass shares one
 * application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ServerTestSupport {

    static final String ACME_KEY = "acme-" + UUID.randomUUID();
    static final String GLOBEX_KEY = "globex-" + UUID.randomUUID();
    static final LoopbackOpenAiServer MODEL = LoopbackOpenAiServer.start()
            .whenEmptyAnswerCompletion(Answers.BROKEN, 50, 20);

    @LocalServerPort
    int port;

    Api acme;
    Api globex;
    Api anonymous;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("qlp.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
        registry.add("qlp.memory.enabled", () -> "false");
        registry.add("qlp.tiers.t0.base-url", MODEL::baseUrl);
        registry.add("qlp.tiers.t0.api-key", () -> "loopback");
        registry.add("qlp.tiers.t0.model", () -> "small");
        registry.add("qlp.tiers.t0.max-retries", () -> "0");
        registry.add("qlp.generation.max-attempts", () -> "1");
        registry.add("qlp.server.api-keys[0].tenant", () -> "acme");
        registry.add("qlp.server.api-keys[0].sha256", () -> ApiKeys.sha256Hex(ACME_KEY));
        registry.add("qlp.server.api-keys[1].tenant", () -> "globex");
        registry.add("qlp.server.api-keys[1].sha256", () -> ApiKeys.sha256Hex(GLOBEX_KEY));
        registry.add("qlp.server.rate-limit.requests-per-minute", () -> "100000");
        registry.add("qlp.server.max-request-bytes", () -> "64KB");
    }

    @BeforeEach
    void clients() {
        acme = new Api(port, ACME_KEY);
        globex = acme.as(GLOBEX_KEY);
        anonymous = acme.as("");
    }

    /** A validated capsule of tenant acme, generated with {@code wait=true}. */
    JsonNode validatedCapsule(String description) {
        synchronized (MODEL) {
            MODEL.enqueueCompletion(Answers.VALID, 100, 50);
            HttpResponse<String> response = acme.generate(description, true);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode capsule = Api.read(response);
            assertThat(capsule.path("status").asText()).as(response.body()).isEqualTo("VALIDATED");
            return capsule;
        }
    }

    /** Asserts the error shape and returns the error object. */
    static JsonNode error(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Api.read(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        JsonNode error = body.path("error");
        assertThat(error.fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message", "details", "request_id");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("request_id").asText()).isNotBlank()
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "/work/", "/tmp/", "/root", ACME_KEY,
                GLOBEX_KEY, "loopback");
        return error;
    }
}
