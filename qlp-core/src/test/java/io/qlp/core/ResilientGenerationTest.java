package io.qlp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.TierRouter;
import io.qlp.core.provider.ChatModels;
import io.qlp.core.provider.ModelEndpoint;
import io.qlp.core.provider.ModelProvider;
import io.qlp.core.resilience.CallResilience;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, fallback to the next tier and circuit breakers through the whole pipeline, on the wire. */
class ResilientGenerationTest {

    static final ModelPricing T0_PRICES = ModelPricing.perThousandTokens("0.0005", "0.0015");
    static final ModelPricing T1_PRICES = ModelPricing.perThousandTokens("0.003", "0.006");
    static final TierRouter ALWAYS_T0 = (request, tiers) -> new RoutingDecision(Tier.T0, "test route T0");

    LoopbackOpenAiServer t1Server;

    @BeforeEach
    void start() {
        t1Server = LoopbackOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        t1Server.close();
    }

    /** A loopback URL where nothing listens: the port was free a moment ago and is closed again. */
    static String deadBaseUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }
    }

    static TierModel openAi(String baseUrl, String name, ModelPricing prices) {
        return new TierModel(ChatModels.chatModel(ModelEndpoint.builder(ModelProvider.OPENAI, name).baseUrl(baseUrl)
                .apiKey("x").timeout(Duration.ofSeconds(20)).build()), name, prices);
    }

    static CallResilience fastRetries(boolean fallback) {
        return CallResilience.builder().maxRetries(1).initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(50)).breakerWindow(4, 2).openStateWait(Duration.ofMinutes(5))
                .fallbackToNextTier(fallback).build();
    }

    @Test
    void should_fall_back_to_T1_and_say_why_when_T0s_server_is_down() throws IOException {
        t1Server.enqueueCompletion(RoutingInGenerationTest.RIGHT, 200, 100);
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, openAi(deadBaseUrl(), "tiny", T0_PRICES))
                .tier(Tier.T1, openAi(t1Server.baseUrl(), "small", T1_PRICES))
                .router(ALWAYS_T0).resilience(fastRetries(true)).build();

        Capsule capsule = generator.generate(RoutingInGenerationTest.request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        AttemptRecord first = capsule.attempts().get(0);
        assertThat(first.tier()).isEqualTo(Tier.T1);
        assertThat(first.reason()).contains("test route T0").contains("fallback T0→T1")
                .contains("openai tiny model_unavailable");
        assertThat(capsule.usage().perTier()).extracting(TierUsage::tier).containsExactly(Tier.T1);
        // 200 * 0.003 / 1000 + 100 * 0.006 / 1000
        assertThat(capsule.usage().costUsd()).isEqualByComparingTo("0.0012");
        assertThat(t1Server.requests()).singleElement()
                .satisfies(body -> assertThat(body.path("model").asText()).isEqualTo("small"));
    }

    @Test
    void should_fail_naming_tier_and_provider_when_fallback_is_off_and_T0s_server_is_down() throws IOException {
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, openAi(deadBaseUrl(), "tiny", T0_PRICES))
                .tier(Tier.T1, openAi(t1Server.baseUrl(), "small", T1_PRICES))
                .router(ALWAYS_T0).resilience(fastRetries(false)).build();

        assertThatThrownBy(() -> generator.generate(RoutingInGenerationTest.request()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
                    assertThat(e.context().tier()).isEqualTo(Tier.T0);
                    assertThat(e.details()).containsEntry("provider", "openai").containsEntry("model", "tiny");
                    assertThat(e.details()).containsKey("cause");
                    assertThat(e.getMessage()).contains("T0 openai model 'tiny'");
                });
        assertThat(t1Server.requests()).isEmpty();
    }

    @Test
    void should_open_the_breaker_and_send_nothing_while_it_is_open_after_repeated_failures() {
        try (LoopbackOpenAiServer t0Server = LoopbackOpenAiServer.start()) {
            t0Server.whenEmptyAnswerError(503, "overloaded");
            t1Server.whenEmptyAnswerCompletion(RoutingInGenerationTest.RIGHT, 10, 10);
            CapsuleGenerator generator = CapsuleGenerator.builder()
                    .tier(Tier.T0, openAi(t0Server.baseUrl(), "tiny", T0_PRICES))
                    .tier(Tier.T1, openAi(t1Server.baseUrl(), "small", T1_PRICES))
                    .router(ALWAYS_T0).resilience(fastRetries(true)).build();

            Capsule first = generator.generate(RoutingInGenerationTest.request());
            int reachedT0 = t0Server.requests().size();
            Capsule second = generator.generate(RoutingInGenerationTest.request());

            // First request: the first try and one retry hit T0 (two failures open a breaker of minimum 2 calls).
            assertThat(reachedT0).isEqualTo(2);
            assertThat(first.attempts().get(0).reason()).contains("fallback T0→T1");
            // Second request: the open breaker refuses T0 at once; the server sees nothing more.
            assertThat(t0Server.requests()).hasSize(reachedT0);
            assertThat(second.status()).isEqualTo(CapsuleStatus.VALIDATED);
            assertThat(second.attempts().get(0).reason()).contains("fallback T0→T1").contains("(circuit open)");
        }
    }

    @Test
    void should_not_retry_when_retry_after_asks_for_longer_than_the_longest_wait_allowed() {
        t1Server.enqueue(t1Server.error(429, "come back tomorrow").withHeader("Retry-After", "86400"));
        t1Server.enqueueCompletion(RoutingInGenerationTest.RIGHT, 10, 10);
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T1, openAi(t1Server.baseUrl(), "small", T1_PRICES))
                .resilience(CallResilience.builder().maxRetries(3).maxRetryAfter(Duration.ofSeconds(5)).build())
                .build();

        assertThatThrownBy(() -> generator.generate(RoutingInGenerationTest.request()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_RATE_LIMITED);
                    assertThat(e.details()).containsEntry("retryAfterMillis", 86_400_000L).containsEntry("status", 429);
                });
        assertThat(t1Server.requests()).hasSize(1);
    }

    @Test
    void should_reject_a_request_whose_budget_cannot_pay_for_the_first_call_even_after_a_fallback() throws IOException {
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, openAi(deadBaseUrl(), "tiny", ModelPricing.free()))
                .tier(Tier.T1, openAi(t1Server.baseUrl(), "small", ModelPricing.perThousandTokens("10", "10")))
                .router(ALWAYS_T0).resilience(fastRetries(true)).build();
        CapsuleRequest request = RoutingInGenerationTest.request().toBuilder()
                .budgetUsd(new java.math.BigDecimal("0.01")).build();

        assertThatThrownBy(() -> generator.generate(request))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(e.context().tier()).isEqualTo(Tier.T1);
                    assertThat(e.details()).containsEntry("calls", 0);
                });
        assertThat(t1Server.requests()).isEmpty();
    }
}
