package io.qlp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.offset;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import io.qlp.api.Tier;
import io.qlp.api.spi.AbstractTierRouterTest;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.TierRouter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplexityRouterTest extends AbstractTierRouterTest {

    private static final Set<Tier> ALL_TIERS = EnumSet.allOf(Tier.class);

    private static final CapsuleRequest ADD_TWO_NUMBERS = CapsuleRequest.builder()
            .description("a function that adds two numbers")
            .build();

    private static final CapsuleRequest DISTRIBUTED_SYSTEM = CapsuleRequest.builder()
            .description("A concurrent, multi-service order system: three microservices with REST endpoints that "
                    + "persist orders in a PostgreSQL database with transactions, authenticate users with JWT "
                    + "tokens and share a thread-safe cache")
            .requirements(List.of("create, update and cancel orders", "every update is idempotent",
                    "optimistic locking on concurrent updates", "audit log of every change",
                    "rate limiting per client", "passwords hashed with bcrypt", "encrypt card numbers at rest",
                    "health endpoint per service"))
            .constraints(List.of("no global mutable state", "p99 latency under 50 ms"))
            .build();

    @Override
    protected TierRouter createRouter() {
        return ComplexityRouter.create();
    }

    @Test
    void should_route_to_T0_when_request_is_trivial() {
        RoutingDecision decision = ComplexityRouter.create().route(ADD_TWO_NUMBERS, ALL_TIERS);

        assertThat(decision.tier()).isEqualTo(Tier.T0);
    }

    @Test
    void should_route_to_T2_or_T3_when_request_is_a_concurrent_secure_persistent_multi_service_system() {
        RoutingDecision decision = ComplexityRouter.create().route(DISTRIBUTED_SYSTEM, ALL_TIERS);

        assertThat(decision.tier()).isIn(Tier.T2, Tier.T3);
    }

    @Test
    void should_name_score_and_top_signals_in_reason_when_routing() {
        ComplexityRouter router = ComplexityRouter.create();
        ComplexityScore score = router.score(DISTRIBUTED_SYSTEM);

        RoutingDecision decision = router.route(DISTRIBUTED_SYSTEM, ALL_TIERS);

        assertThat(score.signals()).contains("concurrency", "persistence", "security", "components",
                "requirements");
        assertThat(decision.reason())
                .startsWith(String.format(Locale.ROOT, "complexity %.2f: ", score.value()))
                .contains(score.signals().get(0))
                .doesNotContain(score.signals().get(3));
    }

    @Test
    void should_score_higher_when_request_adds_concurrency_words() {
        ComplexityRouter router = ComplexityRouter.create();
        CapsuleRequest plain = CapsuleRequest.builder().description("a counter class").build();
        CapsuleRequest concurrent = CapsuleRequest.builder()
                .description("a counter class that is thread-safe under concurrent increments").build();

        ComplexityScore plainScore = router.score(plain);
        ComplexityScore concurrentScore = router.score(concurrent);

        assertThat(concurrentScore.value()).isGreaterThan(plainScore.value());
        assertThat(concurrentScore.signals()).first().isEqualTo("concurrency");
        assertThat(plainScore.signals()).doesNotContain("concurrency");
    }

    @Test
    void should_score_within_unit_interval_when_every_signal_saturates() {
        String everything = ("Build twelve services and ten endpoints: a graph parser and compiler with dynamic "
                + "programming, concurrent async threads with locks, OAuth authentication with encrypted tokens, "
                + "a SQL database with transactions and a cache. ").repeat(10);
        CapsuleRequest request = CapsuleRequest.builder()
                .description(everything)
                .requirements(List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"))
                .language(Language.JAVA)
                .build();

        ComplexityScore score = ComplexityRouter.create().score(request);

        assertThat(score.value()).isCloseTo(1.0, offset(1e-9)).isLessThanOrEqualTo(1.0);
        assertThat(ComplexityRouter.create().route(request, ALL_TIERS).tier()).isEqualTo(Tier.T3);
    }

    @Test
    void should_weigh_language_when_requests_are_otherwise_equal() {
        ComplexityRouter router = ComplexityRouter.create();
        CapsuleRequest java = ADD_TWO_NUMBERS.toBuilder().language(Language.JAVA).build();
        CapsuleRequest javascript = ADD_TWO_NUMBERS.toBuilder().language(Language.JAVASCRIPT).build();
        CapsuleRequest python = ADD_TWO_NUMBERS.toBuilder().language(Language.PYTHON).build();

        assertThat(router.score(java).value()).isGreaterThan(router.score(javascript).value());
        assertThat(router.score(javascript).value()).isGreaterThan(router.score(python).value());
    }

    @Test
    void should_take_nearest_available_tier_when_wanted_tier_is_missing() {
        RoutingDecision decision = ComplexityRouter.create().route(ADD_TWO_NUMBERS, EnumSet.of(Tier.T2, Tier.T3));

        assertThat(decision.tier()).isEqualTo(Tier.T2);
        assertThat(decision.reason()).contains("wanted T0");
    }

    @Test
    void should_escalate_from_T0_to_T1_when_T0_failed_twice() {
        RoutingDecision decision = ComplexityRouter.create().afterFailure(ADD_TWO_NUMBERS, Tier.T0, 2, ALL_TIERS);

        assertThat(decision.tier()).isEqualTo(Tier.T1);
        assertThat(decision.reason()).isEqualTo("escalate T0→T1 after 2 failed attempts");
    }

    @Test
    void should_stay_when_T0_failed_once() {
        RoutingDecision decision = ComplexityRouter.create().afterFailure(ADD_TWO_NUMBERS, Tier.T0, 1, ALL_TIERS);

        assertThat(decision.tier()).isEqualTo(Tier.T0);
        assertThat(decision.reason()).startsWith("stay on T0");
    }

    @Test
    void should_skip_unavailable_tiers_when_escalating() {
        RoutingDecision decision = ComplexityRouter.create()
                .afterFailure(ADD_TWO_NUMBERS, Tier.T0, 2, EnumSet.of(Tier.T0, Tier.T3));

        assertThat(decision.tier()).isEqualTo(Tier.T3);
        assertThat(decision.reason()).isEqualTo("escalate T0→T3 after 2 failed attempts");
    }

    @Test
    void should_stay_on_strongest_tier_when_no_stronger_tier_is_available() {
        RoutingDecision decision = ComplexityRouter.create()
                .afterFailure(ADD_TWO_NUMBERS, Tier.T1, 5, EnumSet.of(Tier.T0, Tier.T1));

        assertThat(decision.tier()).isEqualTo(Tier.T1);
        assertThat(decision.reason()).contains("no stronger tier available");
    }

    @Test
    void should_escalate_after_one_failure_when_configured_so() {
        ComplexityRouter router = ComplexityRouter.builder().escalateAfterFailures(1).build();

        assertThat(router.afterFailure(ADD_TWO_NUMBERS, Tier.T1, 1, ALL_TIERS).tier()).isEqualTo(Tier.T2);
    }

    @Test
    void should_reject_negative_failure_count() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.create().afterFailure(ADD_TWO_NUMBERS, Tier.T0, -1, ALL_TIERS))
                .withMessageContaining("-1");
    }

    @Test
    void should_reject_empty_tier_set_when_routing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.create().route(ADD_TWO_NUMBERS, Set.of()))
                .withMessageContaining("availableTiers");
    }

    @Test
    void should_map_scores_to_tiers_by_default_thresholds() {
        ComplexityRouter router = ComplexityRouter.create();

        assertThat(router.tierFor(0.0)).isEqualTo(Tier.T0);
        assertThat(router.tierFor(0.1199)).isEqualTo(Tier.T0);
        assertThat(router.tierFor(0.12)).isEqualTo(Tier.T1);
        assertThat(router.tierFor(0.22)).isEqualTo(Tier.T2);
        assertThat(router.tierFor(0.45)).isEqualTo(Tier.T3);
        assertThat(router.tierFor(1.0)).isEqualTo(Tier.T3);
    }

    @Test
    void should_map_scores_by_custom_thresholds_when_configured() {
        ComplexityRouter router = ComplexityRouter.builder().thresholds(0.1, 0.2, 1.0).build();

        assertThat(router.tierFor(0.05)).isEqualTo(Tier.T0);
        assertThat(router.tierFor(0.1)).isEqualTo(Tier.T1);
        assertThat(router.tierFor(0.99)).isEqualTo(Tier.T2);
        assertThat(router.tierFor(1.0)).isEqualTo(Tier.T3);
    }

    @Test
    void should_reject_threshold_outside_unit_interval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.builder().thresholds(0.0, 0.5, 0.75))
                .withMessageContaining("t1").withMessageContaining("0.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.builder().thresholds(0.25, 0.5, 1.5))
                .withMessageContaining("t3").withMessageContaining("1.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.builder().thresholds(Double.NaN, 0.5, 0.75))
                .withMessageContaining("NaN");
    }

    @Test
    void should_reject_thresholds_that_do_not_increase() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.builder().thresholds(0.5, 0.5, 0.75))
                .withMessageContaining("t2").withMessageContaining("0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.builder().thresholds(0.2, 0.6, 0.4))
                .withMessageContaining("t3").withMessageContaining("0.4");
    }

    @Test
    void should_reject_escalation_below_one() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.builder().escalateAfterFailures(0))
                .withMessageContaining("0");
    }

    @Test
    void should_reject_option_when_set_twice() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ComplexityRouter.builder().thresholds(0.2, 0.4, 0.6).thresholds(0.3, 0.5, 0.7))
                .withMessageContaining("thresholds");
        assertThatIllegalStateException()
                .isThrownBy(() -> ComplexityRouter.builder().escalateAfterFailures(1).escalateAfterFailures(3))
                .withMessageContaining("escalateAfterFailures");
    }

    @Test
    void should_reject_score_outside_unit_interval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComplexityRouter.create().tierFor(1.2))
                .withMessageContaining("1.2");
    }
}
