package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qlp.api.Capsule;
import io.qlp.api.spi.CapsuleStore;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 200 generate requests at once against the loopback model: each accepted one ends as exactly one stored capsule. */
class ConcurrentGenerateTest extends ServerTestSupport {

    @Autowired
    CapsuleStore store;

    @Test
    void should_store_every_accepted_capsule_exactly_once_when_200_requests_arrive_together() throws Exception {
        int requests = 200;
        String marker = "concurrent-" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                boolean wait = i % 2 == 0;
                String description = "Greeter number " + i + " " + marker;
                sent.add(CompletableFuture.supplyAsync(() -> acme.generate(description, wait), pool));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdown();
        }

        Set<String> ids = new HashSet<>();
        Map<String, String> descriptions = new java.util.HashMap<>();
        for (CompletableFuture<HttpResponse<String>> future : sent) {
            HttpResponse<String> response = future.get();
            assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
            JsonNode body = Api.read(response);
            String id = body.path("id").asText();
            assertThat(response.headers().firstValue("Location")).hasValue("/v1/capsule/" + id);
            assertThat(ids.add(id)).as("duplicate id " + id).isTrue();
            descriptions.put(id, response.request().uri().toString());
        }
        for (String id : ids) {
            Sse.read(acme, "/v1/capsule/" + id + "/events", null);
        }
        for (String id : ids) {
            Optional<Capsule> stored = store.find(id);
            assertThat(stored).as("capsule " + id).isPresent();
            assertThat(store.history(id)).as("versions of " + id).hasSize(1);
        }
        JsonNode listed = Api.read(acme.get("/v1/capsules?limit=1000&text=" + marker));
        assertThat(listed.path("capsules")).hasSize(requests);
        Set<String> listedDescriptions = new HashSet<>();
        listed.path("capsules").forEach(c -> listedDescriptions.add(c.path("description").asText()));
        assertThat(listedDescriptions).hasSize(requests);
    }
}
