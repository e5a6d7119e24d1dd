package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error status through the real HTTP stack, each in the one error shape and free of internals. */
class ErrorResponsesTest extends ServerTestSupport {

    @Test
    void should_answer_400_naming_the_field_when_the_body_has_an_unknown_field() {
        JsonNode error = error(acme.postJson("/v1/generate/capsule",
                "{\"description\":\"A stack\",\"langauge\":\"java\"}"), 400, "invalid_request");

        assertThat(error.path("message").asText()).contains("unknown field 'langauge'", "language");
        assertThat(error.path("details").path("field").asText()).isEqualTo("langauge");
    }

    @Test
    void should_answer_400_when_the_body_is_malformed_blank_or_has_bad_values() {
        error(acme.postJson("/v1/generate/capsule", "{\"description\": "), 400, "invalid_request");
        error(acme.postJson("/v1/generate/capsule", ""), 400, "invalid_request");
        error(acme.postJson("/v1/generate/capsule", "[1,2]"), 400, "invalid_request");
        JsonNode blank = error(acme.postJson("/v1/generate/capsule", "{\"description\":\"  \"}"), 400,
                "invalid_request");
        JsonNode language = error(acme.postJson("/v1/generate/capsule",
                "{\"description\":\"x\",\"language\":\"cobol\"}"), 400, "invalid_request");
        JsonNode reserved = error(acme.postJson("/v1/generate/capsule",
                "{\"description\":\"x\",\"metadata\":{\"qlp.tenant\":\"globex\"}}"), 400, "invalid_request");
        error(acme.get("/v1/capsules?limit=0"), 400, "invalid_request");
        error(acme.get("/v1/capsules?from=yesterday"), 400, "invalid_request");
        error(acme.get("/v1/capsules?status=DONE"), 400, "invalid_request");
        error(acme.get("/v1/capsule/x/diff?from=1"), 400, "invalid_request");
        error(acme.get("/v1/capsule/x/diff?from=one&to=2"), 400, "invalid_request");

        assertThat(blank.path("details").path("field").asText()).isEqualTo("description");
        assertThat(language.path("message").asText()).contains("cobol");
        assertThat(reserved.path("details").path("field").asText()).isEqualTo("metadata.qlp.tenant");
    }

    @Test
    void should_answer_401_when_the_key_is_missing_or_unknown_and_accept_bearer_keys() {
        error(anonymous.get("/v1/capsules"), 401, "unauthenticated");
        error(acme.as("not-a-key").get("/v1/capsules"), 401, "unauthenticated");
        error(anonymous.send(anonymous.request("/v1/capsules").header("Authorization", "Basic abc").GET().build()),
                401, "unauthenticated");

        HttpResponse<String> bearer = anonymous.send(anonymous.request("/v1/capsules")
                .header("Authorization", "Bearer " + ACME_KEY).GET().build());
        assertThat(bearer.statusCode()).isEqualTo(200);
    }

    @Test
    void should_answer_404_for_unknown_capsules_versions_and_paths() {
        error(acme.get("/v1/capsule/no-such-capsule"), 404, "capsule_not_found");
        error(acme.get("/v1/capsule/no-such-capsule/versions"), 404, "capsule_not_found");
        error(acme.get("/v1/no-such-path"), 404, "not_found");
        error(anonymous.get("/no-such-page"), 404, "not_found");
    }

    @Test
    void should_answer_405_and_415_when_method_or_media_type_is_wrong() {
        error(acme.send(acme.request("/v1/generate/capsule").DELETE().build()), 405, "method_not_allowed");
        JsonNode unsupported = error(acme.send(acme.request("/v1/generate/capsule").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("make a stack")).build()), 415, "unsupported_media_type");

        assertThat(unsupported.path("message").asText()).contains("application/json");
    }

    @Test
    void should_answer_413_when_the_body_is_over_the_limit_with_or_without_content_length() {
        String big = Api.json(Map.of("description", "x".repeat(70 * 1024)));

        JsonNode declared = error(acme.postJson("/v1/generate/capsule", big), 413, "request_too_large");
        JsonNode chunked = error(acme.send(acme.request("/v1/generate/capsule").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build()), 413, "request_too_large");

        assertThat(declared.path("details").path("limit_bytes").asLong()).isEqualTo(64 * 1024);
        assertThat(chunked.path("details").path("limit_bytes").asLong()).isEqualTo(64 * 1024);
    }

    @Test
    void should_answer_503_with_retry_after_when_the_model_endpoint_is_down() {
        HttpResponse<String> response;
        synchronized (MODEL) {
            MODEL.enqueueError(503, "upstream overloaded");
            response = acme.generate("A greeter, with tests (model down)", true);
        }

        JsonNode error = error(response, 503, "model_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(error.path("details").path("retriable").asBoolean()).isTrue();
        assertThat(error.path("message").asText()).doesNotContain("upstream overloaded", "127.0.0.1");
    }

    @Test
    void should_answer_500_without_internals_when_the_server_has_a_bug() {
        JsonNode error = error(acme.get("/v1/test-only/bug"), 500, "internal");

        assertThat(error.path("message").asText()).doesNotContain("secret", "hidden");
    }

    @Test
    void should_echo_a_well_formed_request_id_and_replace_one_that_is_not() {
        HttpResponse<String> echoed = acme.send(acme.request("/v1/capsule/missing").header("X-Request-ID", "trace-42")
                .GET().build());
        HttpResponse<String> replaced = acme.send(acme.request("/v1/capsule/missing")
                .header("X-Request-ID", "bad id <script>").GET().build());
        HttpResponse<String> generated = acme.get("/v1/capsules");

        assertThat(error(echoed, 404, "capsule_not_found").path("request_id").asText()).isEqualTo("trace-42");
        assertThat(error(replaced, 404, "capsule_not_found").path("request_id").asText())
                .isNotEqualTo("bad id <script>").matches("[0-9a-f-]{36}");
        assertThat(generated.headers().firstValue("X-Request-ID")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }
}
