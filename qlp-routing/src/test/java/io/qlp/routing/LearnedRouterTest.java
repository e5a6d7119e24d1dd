package io.qlp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.AbstractTierRouterTest;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.TierRouterFactory;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LearnedRouterTest extends AbstractTierRouterTest {

    static final Set<Tier> ALL = EnumSet.allOf(Tier.class);
    static final CapsuleRequest PARSER = CapsuleRequest.builder()
            .description("A JSON parser for objects, arrays, strings with escapes and numbers").build();
    static final CapsuleRequest SIMILAR_PARSER = CapsuleRequest.builder()
            .description("A JSON parser for objects, arrays and strings with escapes").build();

    @Override
    protected TierRouter createRouter() {
        return LearnedRouter.builder().seed(7).build();
    }

    static RoutingOutcome outcome(Tier tier, boolean validated, int attempts) {
        return new RoutingOutcome(tier, validated, attempts, BigDecimal.ONE);
    }

    @Test
    void should_fall_back_to_complexity_when_there_is_no_history() {
        LearnedRouter router = LearnedRouter.builder().seed(1).build();

        RoutingDecision decision = router.route(PARSER, ALL);

        assertThat(decision.tier()).isEqualTo(ComplexityRouter.create().route(PARSER, ALL).tier());
        assertThat(decision.reason()).startsWith("learned: too little history");
    }

    @Test
    void should_pick_the_cheapest_tier_that_passed_similar_requests() {
        LearnedRouter router = LearnedRouter.builder().explorationRate(0).build();
        for (int i = 0; i < 10; i++) {
            router.recordOutcome(PARSER, List.of(outcome(Tier.T0, false, 2), outcome(Tier.T1, true, 1)));
        }

        RoutingDecision decision = router.route(SIMILAR_PARSER, ALL);

        assertThat(decision.tier()).isEqualTo(Tier.T1);
        assertThat(decision.reason()).contains("cheapest tier expected to pass");
    }

    @Test
    void should_move_down_to_T0_once_T0_keeps_passing() {
        LearnedRouter router = LearnedRouter.builder().explorationRate(0).build();
        for (int i = 0; i < 20; i++) {
            router.recordOutcome(PARSER, List.of(outcome(Tier.T0, true, 1)));
        }

        assertThat(router.route(SIMILAR_PARSER, ALL).tier()).isEqualTo(Tier.T0);
    }

    @Test
    void should_take_the_strongest_tier_when_no_tier_is_expected_to_reach_the_target() {
        LearnedRouter router = LearnedRouter.builder().explorationRate(0).targetPassRate(0.95).build();
        for (int i = 0; i < 10; i++) {
            router.recordOutcome(PARSER, List.of(outcome(Tier.T0, false, 1), outcome(Tier.T1, false, 1)));
        }

        assertThat(router.route(SIMILAR_PARSER, EnumSet.of(Tier.T0, Tier.T1, Tier.T2)).tier()).isEqualTo(Tier.T2);
    }

    @Test
    void should_sometimes_explore_one_tier_cheaper() {
        LearnedRouter router = LearnedRouter.builder().explorationRate(0.5).seed(3).build();
        for (int i = 0; i < 10; i++) {
            router.recordOutcome(PARSER, List.of(outcome(Tier.T2, true, 1)));
        }
        long explored = java.util.stream.IntStream.range(0, 200)
                .filter(i -> router.route(SIMILAR_PARSER, ALL).tier() == Tier.T1).count();

        assertThat(explored).isBetween(60L, 140L);
    }

    @Test
    void should_escalate_after_one_failure_by_default() {
        assertThat(LearnedRouter.create().afterFailure(PARSER, Tier.T1, 1, ALL).tier()).isEqualTo(Tier.T2);
    }

    @Test
    void should_reject_bad_and_repeated_options() {
        assertThatIllegalArgumentException().isThrownBy(() -> LearnedRouter.builder().targetPassRate(1.5))
                .withMessageContaining("1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> LearnedRouter.builder().explorationRate(-0.1));
        assertThatIllegalStateException().isThrownBy(() -> LearnedRouter.builder().neighbours(5).neighbours(6));
    }

    @Test
    void should_be_found_by_name_through_service_providers() {
        TierRouter router = ServiceProviders.load(TierRouterFactory.class, "learned")
                .create(ProviderConfig.of(Map.of("target-pass-rate", "0.9", "history-capacity", "100")));

        assertThat(router).isInstanceOf(LearnedRouter.class);
    }

    @Test
    void should_round_trip_outcomes_through_their_stored_form() {
        List<RoutingOutcome> outcomes = List.of(outcome(Tier.T0, false, 2),
                new RoutingOutcome(Tier.T3, true, 1, new BigDecimal("0.0425")));

        assertThat(MemoryOutcomeHistory.decode(MemoryOutcomeHistory.encode(outcomes))).isEqualTo(outcomes);
    }
}
