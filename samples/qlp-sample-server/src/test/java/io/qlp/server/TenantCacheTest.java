package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The exact cache through the server: a tenant's repeated request is free, and tenants never share hits. */
class TenantCacheTest extends ServerTestSupport {

    @Test
    void should_call_the_model_again_when_another_tenant_sends_an_identical_request_but_serve_a_repeat_from_cache() {
        synchronized (MODEL) {
            String description = "A greeter that only its own tenant may get from the cache";
            int before = MODEL.requests().size();
            validatedCapsule(description);
            assertThat(MODEL.requests()).hasSize(before + 1);

            HttpResponse<String> repeat = acme.generate(description, true);
            assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(201);
            assertThat(Api.read(repeat).path("status").asText()).isEqualTo("VALIDATED");
            assertThat(MODEL.requests()).as("acme's repeat is an exact-cache hit").hasSize(before + 1);

            MODEL.enqueueCompletion(Answers.VALID, 100, 50);
            HttpResponse<String> other = globex.generate(description, true);
            assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
            assertThat(MODEL.requests()).as("globex's identical request is generated for globex")
                    .hasSize(before + 2);
        }
    }
}
