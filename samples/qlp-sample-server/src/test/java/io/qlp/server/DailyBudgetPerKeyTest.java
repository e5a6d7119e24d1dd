package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code qlp.budget.daily-usd-per-key} through the server: each API key has its own daily budget, and a caller
 * cannot pick whose budget it spends.
 */
class DailyBudgetPerKeyTest extends ServerTestSupport {

    @DynamicPropertySource
    static void budget(DynamicPropertyRegistry registry) {
        // One answer of 50 completion tokens costs 0.20 USD; the prompt's estimate is far below the limit.
        registry.add("qlp.tiers.t0.input-usd-per-1k-tokens", () -> "0.0001");
        registry.add("qlp.tiers.t0.output-usd-per-1k-tokens", () -> "4");
        registry.add("qlp.budget.daily-usd-per-key", () -> "0.15");
    }

    @Test
    void should_refuse_a_keys_second_paid_call_when_its_daily_budget_is_spent_while_another_key_still_generates() {
        synchronized (MODEL) {
            MODEL.enqueueCompletion(Answers.VALID, 100, 50);
            HttpResponse<String> first = acme.generate("A greeter paid from acme's daily budget", true);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

            JsonNode refused = error(acme.generate("Another greeter acme can no longer pay for", true),
                    422, "budget_exceeded");
            assertThat(refused.path("message").asText()).contains("daily budget of 0.15 USD");

            MODEL.enqueueCompletion(Answers.VALID, 100, 50);
            HttpResponse<String> other = globex.generate("A greeter paid from globex's own budget", true);
            assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        }
    }

    @Test
    void should_answer_400_when_the_caller_names_a_budget_key_in_metadata() {
        JsonNode reserved = error(globex.postJson("/v1/generate/capsule",
                "{\"description\":\"x\",\"metadata\":{\"budget-key\":\"someone-else\"}}"), 400, "invalid_request");

        assertThat(reserved.path("details").path("field").asText()).isEqualTo("metadata.budget-key");
    }
}
