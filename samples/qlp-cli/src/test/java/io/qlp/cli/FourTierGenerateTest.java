package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qlp generate} with four tiers pointing at four model names on one loopback server: it routes, escalates,
 * retries, falls back and enforces budgets, and {@code --json} shows the tiers used and the cost per tier.
 */
class FourTierGenerateTest {

    static final String FIXED = GenerateCommandTest.FIXED;

    @TempDir
    Path workspace;
    LoopbackOpenAiServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        server = LoopbackOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Four tiers on the server (T0 elsewhere when {@code t0Url} says so), escalation after one failure. */
    Path config(String t0Url, String extra) throws IOException {
        String url = server.baseUrl();
        return Files.writeString(workspace.resolve("qlp.yaml"), """
                qlp:
                  data-dir: %s
                  memory: {enabled: false}
                  tiers:
                    t0: {base-url: %s, api-key: x, model: tiny, max-retries: 1, input-usd-per-1k-tokens: 0.0001, output-usd-per-1k-tokens: 0.0002}
                    t1: {base-url: %s, api-key: x, model: small, max-retries: 1, input-usd-per-1k-tokens: 0.001, output-usd-per-1k-tokens: 0.002}
                    t2: {base-url: %s, api-key: x, model: medium, max-retries: 1, input-usd-per-1k-tokens: 0.005, output-usd-per-1k-tokens: 0.015}
                    t3: {base-url: %s, api-key: x, model: large, max-retries: 1, input-usd-per-1k-tokens: 0.015, output-usd-per-1k-tokens: 0.075}
                  generation: {max-attempts: 3}
                  routing:
                    router: complexity
                    complexity: {escalate-after-failures: 1}
                    retry: {initial-backoff: PT0.02S, max-backoff: PT0.1S}
                %s
                """.formatted(workspace.resolve("data"), t0Url, url, url, url, extra));
    }

    int run(String... args) {
        return QlpCli.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    List<String> modelsAsked() {
        return server.requests().stream().map(body -> body.path("model").asText()).toList();
    }

    static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }
    }

    @Test
    void should_route_retry_and_escalate_and_show_cost_per_tier() throws IOException {
        server.enqueue(server.error(429, "slow down").withHeader("Retry-After", "1"));
        server.enqueueCompletion(GenerateCommandTest.wrong(1), 1000, 200);
        server.enqueueCompletion(FIXED, 2000, 300);

        int code = run("generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config(server.baseUrl(), "").toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        // Routed to T0, retried after the 429, escalated to T1 after one failed validation.
        assertThat(modelsAsked()).containsExactly("tiny", "tiny", "small");
        assertThat(Duration.between(server.received().get(0).at(), server.received().get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.path("status").asText()).isEqualTo("VALIDATED");
        assertThat(summary.path("tiers").toString()).isEqualTo("[\"T0\",\"T1\"]");
        JsonNode perTier = summary.path("usage").path("perTier");
        assertThat(perTier).hasSize(2);
        assertThat(perTier.get(0).path("tier").asText()).isEqualTo("T0");
        // 1000 * 0.0001 / 1000 + 200 * 0.0002 / 1000
        assertThat(perTier.get(0).path("costUsd").decimalValue()).isEqualByComparingTo("0.00014");
        assertThat(perTier.get(1).path("tier").asText()).isEqualTo("T1");
        // 2000 * 0.001 / 1000 + 300 * 0.002 / 1000
        assertThat(perTier.get(1).path("costUsd").decimalValue()).isEqualByComparingTo("0.0026");
        assertThat(summary.path("usage").path("costUsd").decimalValue()).isEqualByComparingTo("0.00274");
    }

    @Test
    void should_fall_back_to_T1_when_T0s_server_is_down() throws IOException {
        server.enqueueCompletion(FIXED, 500, 100);

        int code = run("generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config(deadUrl(), "").toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(modelsAsked()).containsExactly("small");
        assertThat(err.toString()).contains("fallback T0→T1: openai tiny model_unavailable");
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertThat(summary.path("tiers").toString()).isEqualTo("[\"T1\"]");
        assertThat(summary.path("usage").path("perTier").get(0).path("calls").asInt()).isEqualTo(1);
    }

    @Test
    void should_refuse_to_call_and_exit_1_naming_budget_exceeded_when_the_configured_budget_is_too_small()
            throws IOException {
        server.enqueueCompletion(FIXED, 500, 100);

        int code = run("generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config(server.baseUrl(), "  budget: {max-usd-per-request: 0.0000001}").toString());

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("budget_exceeded").contains("spent 0 USD");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_refuse_to_call_when_the_request_budget_given_on_the_command_line_is_too_small() throws IOException {
        int code = run("generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config(server.baseUrl(), "").toString(), "--tier", "T3", "--budget", "0.00001");

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("budget_exceeded").contains("budget of 0.00001 USD");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_refuse_to_call_when_the_keys_daily_budget_cannot_pay_for_the_call() throws IOException {
        int code = run("generate", "A greeter, with tests", "--out", workspace.resolve("out").toString(),
                "--config", config(server.baseUrl(), "  budget: {daily-usd-per-key: 0.0000001}").toString(),
                "--budget-key", "team-a");

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("budget_exceeded").contains("key 'team-a'");
        assertThat(server.requests()).isEmpty();
    }
}
