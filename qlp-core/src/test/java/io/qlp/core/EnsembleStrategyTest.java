package io.qlp.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.AttemptRecord;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.core.testing.ScriptedChatModel;
import org.junit.jupiter.api.Test;

/** The T3 ensemble: T1 drafts, T2 refines, the validator picks; both calls are paid for per tier. */
class EnsembleStrategyTest {

    static final String RIGHT = RoutingInGenerationTest.RIGHT;
    static final String WRONG = RoutingInGenerationTest.WRONG_1;

    static CapsuleGenerator generator(ScriptedChatModel t1, ScriptedChatModel t2, ScriptedChatModel t3) {
        return CapsuleGenerator.builder()
                .tier(Tier.T1, new TierModel(t1, "medium", RoutingInGenerationTest.CHEAP))
                .tier(Tier.T2, new TierModel(t2, "strong", RoutingInGenerationTest.DEAR))
                .tier(Tier.T3, new TierModel(t3, "strongest", ModelPricing.perThousandTokens("1", "1")))
                .strategy(GenerationStrategy.ensemble())
                .build();
    }

    @Test
    void should_pick_the_refinement_when_the_draft_fails_and_the_refinement_passes() {
        ScriptedChatModel t1 = ScriptedChatModel.answering(WRONG);
        ScriptedChatModel t2 = ScriptedChatModel.answering(RIGHT);
        ScriptedChatModel t3 = ScriptedChatModel.answering();

        Capsule capsule = generator(t1, t2, t3).generate(RoutingInGenerationTest.request().toBuilder()
                .tierOverride(Tier.T3).build());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.tier()).isEqualTo(Tier.T2);
            assertThat(attempt.reason()).contains("T3 ensemble").contains("T1 drafted (1 errors)")
                    .contains("T2 refined (passed)").contains("picked the refinement");
        });
        assertThat(t3.calls()).isZero();
        // T2 saw the draft and was asked to review it.
        assertThat(t2.received().get(0).toString()).contains("variant 1").contains("Review the answer above");
        assertThat(capsule.usage().perTier()).extracting(TierUsage::tier, TierUsage::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Tier.T1, 1),
                        org.assertj.core.groups.Tuple.tuple(Tier.T2, 1));
        assertThat(capsule.usage().perTier().get(0).costUsd()).isEqualByComparingTo("0.0002");
        assertThat(capsule.usage().perTier().get(1).costUsd()).isEqualByComparingTo("0.002");
    }

    @Test
    void should_keep_the_draft_when_the_refinement_breaks_it() {
        ScriptedChatModel t1 = ScriptedChatModel.answering(RIGHT);
        ScriptedChatModel t2 = ScriptedChatModel.answering("Looks good to me, no changes needed.");

        Capsule capsule = generator(t1, t2, ScriptedChatModel.answering())
                .generate(RoutingInGenerationTest.request().toBuilder().tierOverride(Tier.T3).build());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        AttemptRecord attempt = capsule.attempts().get(0);
        assertThat(attempt.tier()).isEqualTo(Tier.T1);
        assertThat(attempt.reason()).contains("T2 refined (no files)").contains("picked the draft");
    }

    @Test
    void should_ask_the_routed_tier_alone_when_it_is_not_T3() {
        ScriptedChatModel t1 = ScriptedChatModel.answering();
        ScriptedChatModel t2 = ScriptedChatModel.answering(RIGHT);

        Capsule capsule = generator(t1, t2, ScriptedChatModel.answering())
                .generate(RoutingInGenerationTest.request().toBuilder().tierOverride(Tier.T2).build());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.attempts()).extracting(AttemptRecord::tier).containsExactly(Tier.T2);
        assertThat(t1.calls()).isZero();
    }
}
