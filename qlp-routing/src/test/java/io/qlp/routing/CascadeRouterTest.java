package io.qlp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.AbstractTierRouterTest;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.TierRouterFactory;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CascadeRouterTest extends AbstractTierRouterTest {

    static final Set<Tier> ALL = EnumSet.allOf(Tier.class);
    static final CapsuleRequest SIMPLE = CapsuleRequest.builder().description("a function that adds two numbers").build();
    static final CapsuleRequest HARD = CapsuleRequest.builder().description("A Raft consensus implementation with "
            + "leader election, log replication, snapshots and persistence in a database, with concurrent clients").build();

    @Override
    protected TierRouter createRouter() {
        return CascadeRouter.create();
    }

    @Test
    void should_start_on_the_cheapest_rung_and_climb_after_each_failure_when_starting_at_cheapest() {
        CascadeRouter cascade = CascadeRouter.builder().startAtCheapest().build();

        assertThat(cascade.route(HARD, ALL).tier()).isEqualTo(Tier.T0);
        assertThat(cascade.afterFailure(HARD, Tier.T0, 1, ALL).tier()).isEqualTo(Tier.T1);
        assertThat(cascade.afterFailure(HARD, Tier.T2, 1, ALL).tier()).isEqualTo(Tier.T3);
        assertThat(cascade.afterFailure(HARD, Tier.T3, 1, ALL).tier()).isEqualTo(Tier.T3);
    }

    @Test
    void should_start_one_tier_below_the_complexity_estimate_by_default() {
        CascadeRouter cascade = CascadeRouter.create();
        Tier estimate = ComplexityRouter.create().route(HARD, ALL).tier();

        assertThat(cascade.route(SIMPLE, ALL).tier()).isEqualTo(Tier.T0);
        assertThat(cascade.route(HARD, ALL).tier().ordinal()).isEqualTo(estimate.ordinal() - 1);
        assertThat(cascade.route(HARD, ALL).reason()).contains("complexity suggests " + estimate);
    }

    @Test
    void should_skip_rungs_that_are_not_configured() {
        CascadeRouter cascade = CascadeRouter.builder().ladder(Tier.T0, Tier.T2, Tier.T3).startAtCheapest().build();

        assertThat(cascade.afterFailure(SIMPLE, Tier.T0, 1, EnumSet.of(Tier.T0, Tier.T3)).tier()).isEqualTo(Tier.T3);
        assertThat(cascade.route(SIMPLE, EnumSet.of(Tier.T1)).tier()).isEqualTo(Tier.T1);
    }

    @Test
    void should_stay_until_failures_before_escalation_are_reached() {
        CascadeRouter cascade = CascadeRouter.builder().failuresBeforeEscalation(2).build();

        assertThat(cascade.afterFailure(SIMPLE, Tier.T0, 1, ALL).tier()).isEqualTo(Tier.T0);
        assertThat(cascade.afterFailure(SIMPLE, Tier.T0, 2, ALL).tier()).isEqualTo(Tier.T1);
    }

    @Test
    void should_reject_bad_and_clashing_options() {
        assertThatIllegalArgumentException().isThrownBy(() -> CascadeRouter.builder().ladder(Tier.T2, Tier.T1))
                .withMessageContaining("cheaper to stronger");
        assertThatIllegalArgumentException().isThrownBy(() -> CascadeRouter.builder().failuresBeforeEscalation(0))
                .withMessageContaining("0");
        assertThatIllegalStateException().isThrownBy(() -> CascadeRouter.builder().startAtCheapest()
                .stepsBelowComplexity(1)).withMessageContaining("cannot be combined");
        assertThatIllegalStateException().isThrownBy(() -> CascadeRouter.builder().ladder(Tier.T0).ladder(Tier.T1));
    }

    @Test
    void should_be_found_by_name_and_read_its_configuration() {
        TierRouter router = ServiceProviders.load(TierRouterFactory.class, "cascade")
                .create(ProviderConfig.of(Map.of("ladder", "T0,T3", "start", "cheapest")));

        assertThat(router.route(HARD, ALL).tier()).isEqualTo(Tier.T0);
        assertThat(router.afterFailure(HARD, Tier.T0, 1, ALL).tier()).isEqualTo(Tier.T3);
        assertThatIllegalArgumentException().isThrownBy(() -> new CascadeRouterFactory()
                .create(ProviderConfig.of(Map.of("start", "sideways")))).withMessageContaining("sideways");
    }
}
