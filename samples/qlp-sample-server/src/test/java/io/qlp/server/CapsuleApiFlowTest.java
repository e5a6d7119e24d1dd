package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qlp.core.export.CapsuleArchives;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's main flows through the real HTTP stack. */
class CapsuleApiFlowTest extends ServerTestSupport {

    @Test
    void should_answer_201_with_the_validated_capsule_when_wait_is_true() {
        JsonNode capsule = validatedCapsule("A greeter, with tests (wait)");

        assertThat(capsule.path("files")).hasSize(2);
        assertThat(capsule.path("request").path("metadata").path("qlp.tenant").asText()).isEqualTo("acme");
        HttpResponse<String> fetched = acme.get("/v1/capsule/" + capsule.path("id").asText());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(Api.read(fetched).path("status").asText()).isEqualTo("VALIDATED");
    }

    @Test
    void should_answer_202_with_location_and_store_the_capsule_when_not_waiting() {
        HttpResponse<String> response = acme.generate("A greeter, with tests (async)", false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = Api.read(response);
        String id = body.path("id").asText();
        assertThat(response.headers().firstValue("Location")).hasValue("/v1/capsule/" + id);
        assertThat(body.path("status").asText()).isIn("RUNNING", "FAILED_VALIDATION");
        Sse.Stream_ stream = Sse.read(acme, "/v1/capsule/" + id + "/events", null);
        assertThat(stream.events().get(stream.events().size() - 1).data().path("status").asText())
                .isEqualTo("FAILED_VALIDATION");
        JsonNode stored = Api.read(acme.get("/v1/capsule/" + id));
        assertThat(stored.path("id").asText()).isEqualTo(id);
        assertThat(stored.path("status").asText()).isEqualTo("FAILED_VALIDATION");
        assertThat(stored.path("validation").path("passed").asBoolean()).isFalse();
    }

    @Test
    void should_replay_every_event_from_the_start_and_after_last_event_id_when_subscribing_late() {
        String id = validatedCapsule("A greeter, with tests (events)").path("id").asText();

        Sse.Stream_ all = Sse.read(acme, "/v1/capsule/" + id + "/events", null);
        Sse.Stream_ resumed = Sse.read(acme, "/v1/capsule/" + id + "/events", "2");

        assertThat(all.status()).isEqualTo(200);
        List<Sse.Event> progress = all.events().subList(0, all.events().size() - 1);
        assertThat(progress).extracting(Sse.Event::name).containsOnly("progress");
        assertThat(progress).extracting(e -> e.data().path("stage").asText())
                .startsWith("ROUTE").endsWith("DONE").contains("GENERATE", "PARSE", "VALIDATE", "STORE");
        assertThat(progress).extracting(Sse.Event::id).doesNotHaveDuplicates();
        assertThat(progress).allSatisfy(e -> assertThat(e.data().path("capsuleId").asText()).isEqualTo(id));
        Sse.Event end = all.events().get(all.events().size() - 1);
        assertThat(end.name()).isEqualTo("end");
        assertThat(end.data().path("status").asText()).isEqualTo("VALIDATED");
        assertThat(resumed.events().get(0).id()).isEqualTo("3");
        assertThat(resumed.events()).hasSize(all.events().size() - 2);
    }

    @Test
    void should_stream_live_events_to_a_subscriber_that_comes_while_generating() {
        HttpResponse<String> started = acme.generate("A greeter, with tests (live)", false);
        String id = Api.read(started).path("id").asText();

        Sse.Stream_ stream = Sse.read(acme, "/v1/capsule/" + id + "/events", null);

        assertThat(stream.events()).extracting(e -> e.data().path("stage").asText(""))
                .contains("ROUTE", "GENERATE", "DONE");
        assertThat(stream.events().get(stream.events().size() - 1).name()).isEqualTo("end");
        List<Long> sequence = new ArrayList<>();
        stream.events().forEach(e -> {
            if (e.id() != null) {
                sequence.add(Long.parseLong(e.id()));
            }
        });
        assertThat(sequence).isSorted().doesNotHaveDuplicates().startsWith(1L);
    }

    @Test
    void should_filter_and_page_the_tenants_capsules_when_listing() {
        String marker = "listing-" + System.nanoTime();
        String validated = validatedCapsule("Validated greeter " + marker).path("id").asText();
        String failed = Api.read(acme.generate("Broken greeter " + marker, true)).path("id").asText();

        JsonNode all = Api.read(acme.get("/v1/capsules?text=" + marker));
        JsonNode onlyValidated = Api.read(acme.get("/v1/capsules?status=VALIDATED&text=" + marker));
        JsonNode firstPage = Api.read(acme.get("/v1/capsules?limit=1&text=" + marker));
        JsonNode secondPage = Api.read(acme.get("/v1/capsules?limit=1&offset=1&text=" + marker));
        JsonNode future = Api.read(acme.get("/v1/capsules?from=2999-01-01T00:00:00Z&text=" + marker));
        JsonNode otherTenant = Api.read(globex.get("/v1/capsules?text=" + marker));

        assertThat(all.path("capsules")).extracting(c -> c.path("id").asText()).containsExactly(failed, validated);
        assertThat(onlyValidated.path("capsules")).extracting(c -> c.path("id").asText()).containsExactly(validated);
        assertThat(firstPage.path("capsules")).extracting(c -> c.path("id").asText()).containsExactly(failed);
        assertThat(firstPage.path("hasMore").asBoolean()).isTrue();
        assertThat(secondPage.path("capsules")).extracting(c -> c.path("id").asText()).containsExactly(validated);
        assertThat(future.path("capsules")).isEmpty();
        assertThat(otherTenant.path("capsules")).isEmpty();
    }

    @Test
    void should_store_versions_diff_them_and_answer_409_when_a_change_conflicts() {
        String id = validatedCapsule("A greeter, with tests (versions)").path("id").asText();
        String greeter = """
                package demo;

                /** Greets people. */
                public final class Greeter {
                    public static String greet(String name) { return "Hello, " + name; }
                }
                """;
        String change = Api.json(Map.of("baseVersion", 1, "message", "document the greeter", "changes",
                List.of(Map.of("op", "modify", "path", Answers.GREETER, "content", greeter))));

        HttpResponse<String> created = acme.postJson("/v1/capsule/" + id + "/version", change);
        HttpResponse<String> conflicting = acme.postJson("/v1/capsule/" + id + "/version", change);
        JsonNode versions = Api.read(acme.get("/v1/capsule/" + id + "/versions"));
        JsonNode diff = Api.read(acme.get("/v1/capsule/" + id + "/diff?from=1&to=2"));
        JsonNode first = Api.read(acme.get("/v1/capsule/" + id + "?version=1"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/capsule/" + id + "?version=2");
        JsonNode body = Api.read(created);
        assertThat(body.path("version").path("number").asInt()).isEqualTo(2);
        assertThat(body.path("version").path("author").asText()).isEqualTo("acme");
        assertThat(body.path("capsule").path("status").asText()).isEqualTo("VALIDATED");
        JsonNode conflict = error(conflicting, 409, "version_conflict");
        assertThat(conflict.path("message").asText()).contains(Answers.GREETER);
        assertThat(versions.path("versions")).extracting(v -> v.path("number").asInt()).containsExactly(1, 2);
        assertThat(diff.path("files")).hasSize(1);
        assertThat(diff.path("files").get(0).path("kind").asText()).isEqualTo("MODIFIED");
        assertThat(diff.path("files").get(0).path("unifiedDiff").asText()).contains("+/** Greets people. */");
        assertThat(first.path("files").toString()).doesNotContain("Greets people");
    }

    @Test
    void should_stream_zip_and_tar_gz_archives_with_the_capsule_files_when_exporting() throws IOException {
        String id = validatedCapsule("A greeter, with tests (export)").path("id").asText();

        HttpResponse<byte[]> zip = download("/v1/capsule/" + id + "/export/zip");
        HttpResponse<byte[]> tarGz = download("/v1/capsule/" + id + "/export/tar.gz");
        HttpResponse<String> unknown = acme.send(acme.request("/v1/capsule/" + id + "/export/rar")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).contains("attachment", "capsule-" + id + ".zip"));
        Map<String, byte[]> zipEntries = CapsuleArchives.read(new ByteArrayInputStream(zip.body()), "capsule.zip");
        assertThat(zipEntries).containsKey(Answers.GREETER);
        assertThat(tarGz.statusCode()).isEqualTo(200);
        assertThat(tarGz.headers().firstValue("Content-Type")).hasValue("application/gzip");
        Map<String, byte[]> tarEntries = CapsuleArchives.read(new ByteArrayInputStream(tarGz.body()), "capsule.tar.gz");
        assertThat(tarEntries.keySet()).isEqualTo(zipEntries.keySet());
        error(unknown, 400, "invalid_request");
    }

    @Test
    void should_answer_404_everywhere_when_another_tenant_asks_for_a_capsule() {
        String id = validatedCapsule("A greeter, with tests (tenants)").path("id").asText();
        String change = Api.json(Map.of("changes", List.of(Map.of("op", "delete", "path", Answers.GREETER))));

        error(globex.get("/v1/capsule/" + id), 404, "capsule_not_found");
        error(globex.get("/v1/capsule/" + id + "?version=1"), 404, "capsule_not_found");
        error(globex.get("/v1/capsule/" + id + "/versions"), 404, "capsule_not_found");
        error(globex.get("/v1/capsule/" + id + "/diff?from=1&to=1"), 404, "capsule_not_found");
        error(globex.get("/v1/capsule/" + id + "/events"), 404, "capsule_not_found");
        error(globex.postJson("/v1/capsule/" + id + "/version", change), 404, "capsule_not_found");
        error(globex.send(globex.request("/v1/capsule/" + id + "/export/zip")
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 404, "capsule_not_found");
        assertThat(acme.get("/v1/capsule/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void should_report_health_and_serve_openapi_and_swagger_ui_without_a_key() {
        HttpResponse<String> health = anonymous.get("/health");
        HttpResponse<String> openApi = anonymous.get("/v1/openapi.json");
        HttpResponse<String> swagger = anonymous.send(anonymous.request("/v1/docs").GET().build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Api.read(health).path("store").asText()).isEqualTo("UP");
        assertThat(Api.read(health).path("model").asText()).isEqualTo("configured");
        assertThat(openApi.statusCode()).as(openApi.body()).isEqualTo(200);
        JsonNode paths = Api.read(openApi).path("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/v1/generate/capsule", "/v1/capsule/{id}",
                "/v1/capsules", "/v1/capsule/{id}/events", "/v1/capsule/{id}/version", "/v1/capsule/{id}/versions",
                "/v1/capsule/{id}/diff", "/v1/capsule/{id}/export/{format}", "/health");
        assertThat(swagger.statusCode()).isIn(200, 302);
    }

    private HttpResponse<byte[]> download(String path) {
        try {
            return Api.CLIENT.send(acme.request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
