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
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.TierRouter;
import io.qlp.core.testing.ScriptedChatModel;
import io.qlp.routing.ComplexityRouter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing, escalation, overrides and budgets through the real pipeline, with scripted models and the real validator. */
class RoutingInGenerationTest {

    static final String WRONG_1 = CapsuleGeneratorEndToEndTest.wrongAnswer(1);
    static final String WRONG_2 = CapsuleGeneratorEndToEndTest.wrongAnswer(2);
    static final String RIGHT = CapsuleGeneratorEndToEndTest.FIXED_ANSWER;
    static final ModelPricing CHEAP = ModelPricing.perThousandTokens("0.001", "0.002");
    static final ModelPricing DEAR = ModelPricing.perThousandTokens("0.01", "0.02");

    static CapsuleRequest request() {
        return CapsuleGeneratorEndToEndTest.request();
    }

    @Test
    void should_escalate_to_T1_when_T0_fails_validation_twice() {
        ScriptedChatModel t0 = ScriptedChatModel.answering(WRONG_1, WRONG_2);
        ScriptedChatModel t1 = ScriptedChatModel.answering(RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, new TierModel(t0, "small", CHEAP))
                .tier(Tier.T1, new TierModel(t1, "medium", DEAR))
                .router(ComplexityRouter.builder().escalateAfterFailures(2).build())
                .build();

        Capsule capsule = generator.generate(request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.attempts()).extracting(AttemptRecord::tier).containsExactly(Tier.T0, Tier.T0, Tier.T1);
        assertThat(capsule.attempts().get(2).reason()).contains("escalate T0→T1 after 2 failed attempts");
        assertThat(capsule.manifest().tiersUsed()).containsExactly(Tier.T0, Tier.T1);
        assertThat(capsule.usage().perTier()).extracting(TierUsage::tier).containsExactly(Tier.T0, Tier.T1);
        // ScriptedChatModel reports 100 input and 50 output tokens per call.
        assertThat(capsule.usage().perTier().get(0).costUsd()).isEqualByComparingTo("0.0004");
        assertThat(capsule.usage().perTier().get(1).costUsd()).isEqualByComparingTo("0.002");
        // The repair request carries the whole conversation, findings included, to the stronger tier.
        assertThat(t1.received().get(0).toString()).contains("Validation failed");
    }

    @Test
    void should_use_the_override_and_never_escalate_when_the_request_names_a_tier() {
        ScriptedChatModel t0 = ScriptedChatModel.answering();
        ScriptedChatModel t2 = ScriptedChatModel.answering(WRONG_1, RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, t0).tier(Tier.T2, t2)
                .router(ComplexityRouter.builder().escalateAfterFailures(1).build())
                .build();

        Capsule capsule = generator.generate(request().toBuilder().tierOverride(Tier.T2).build());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.attempts()).extracting(AttemptRecord::tier).containsOnly(Tier.T2);
        assertThat(capsule.attempts().get(0).reason()).isEqualTo("override T2");
        assertThat(t0.calls()).isZero();
    }

    @Test
    void should_fail_with_budget_exceeded_and_make_no_call_when_the_budget_is_smaller_than_one_call() {
        ScriptedChatModel t0 = ScriptedChatModel.answering(RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, new TierModel(t0, "small", DEAR)).build();

        assertThatThrownBy(() -> generator.generate(request().toBuilder().budgetUsd(new BigDecimal("0.0000001")).build()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(e.details()).containsEntry("spentUsd", "0").containsEntry("calls", 0);
                    assertThat(e.context().tier()).isEqualTo(Tier.T0);
                });
        assertThat(t0.calls()).isZero();
    }

    @Test
    void should_stop_before_the_call_that_would_overspend_and_report_what_was_spent() {
        ScriptedChatModel t0 = ScriptedChatModel.answering(WRONG_1, RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, new TierModel(t0, "small", DEAR)).build();
        // The first call costs 100 * 0.01/1000 + 50 * 0.02/1000 = 0.002 USD; the repair prompt alone costs more than is left.
        CapsuleRequest request = request().toBuilder().budgetUsd(new BigDecimal("0.0035")).build();

        assertThatThrownBy(() -> generator.generate(request))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(e.details()).containsEntry("spentUsd", "0.002").containsEntry("calls", 1);
                });
        assertThat(t0.calls()).isEqualTo(1);
    }

    @Test
    void should_tell_the_router_what_happened_on_each_tier() {
        List<List<RoutingOutcome>> told = new ArrayList<>();
        TierRouter recording = new TierRouter() {
            @Override
            public RoutingDecision route(CapsuleRequest request, Set<Tier> availableTiers) {
                return new RoutingDecision(Tier.T0, "test");
            }

            @Override
            public RoutingDecision afterFailure(CapsuleRequest request, Tier current, int failed, Set<Tier> tiers) {
                return new RoutingDecision(Tier.T1, "up");
            }

            @Override
            public void recordOutcome(CapsuleRequest request, List<RoutingOutcome> outcomes) {
                told.add(outcomes);
            }
        };
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, new TierModel(ScriptedChatModel.answering(WRONG_1), "small", CHEAP))
                .tier(Tier.T1, new TierModel(ScriptedChatModel.answering(RIGHT), "medium", DEAR))
                .router(recording).build();

        generator.generate(request());

        assertThat(told).hasSize(1);
        assertThat(told.get(0)).extracting(RoutingOutcome::tier, RoutingOutcome::validated, RoutingOutcome::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Tier.T0, false, 1),
                        org.assertj.core.groups.Tuple.tuple(Tier.T1, true, 1));
    }
}
