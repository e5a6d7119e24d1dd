package io.qlp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.TierRouterFactory;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplexityRouterFactoryTest {

    private final ComplexityRouterFactory factory = new ComplexityRouterFactory();

    @Test
    void should_find_factory_by_name_when_loaded_through_service_loader() {
        TierRouterFactory loaded = ServiceProviders.load(TierRouterFactory.class, "complexity");

        assertThat(loaded).isInstanceOf(ComplexityRouterFactory.class);
        assertThat(loaded.create(ProviderConfig.empty())).isInstanceOf(ComplexityRouter.class);
    }

    @Test
    void should_read_thresholds_and_escalation_when_configured() {
        ComplexityRouter router = factory.create(ProviderConfig.of(Map.of(
                "thresholds.t1", "0.1", "thresholds.t2", "0.2", "thresholds.t3", "0.3",
                "escalate-after-failures", "3")));

        assertThat(router.tierFor(0.15)).isEqualTo(Tier.T1);
        assertThat(router.tierFor(0.25)).isEqualTo(Tier.T2);
        assertThat(router.tierFor(0.35)).isEqualTo(Tier.T3);
        assertThat(router.escalateAfterFailures()).isEqualTo(3);
    }

    @Test
    void should_escalate_as_configured_when_created_by_factory() {
        TierRouter router = factory.create(ProviderConfig.of(Map.of("escalate-after-failures", "1")));
        CapsuleRequest request = CapsuleRequest.builder().description("a function that adds two numbers").build();

        assertThat(router.afterFailure(request, Tier.T0, 1, EnumSet.allOf(Tier.class)).tier()).isEqualTo(Tier.T1);
    }

    @Test
    void should_use_defaults_when_config_is_empty() {
        ComplexityRouter router = factory.create(ProviderConfig.empty());

        assertThat(router.tierFor(ComplexityRouter.DEFAULT_T1)).isEqualTo(Tier.T1);
        assertThat(router.tierFor(ComplexityRouter.DEFAULT_T2)).isEqualTo(Tier.T2);
        assertThat(router.tierFor(ComplexityRouter.DEFAULT_T3)).isEqualTo(Tier.T3);
        assertThat(router.escalateAfterFailures()).isEqualTo(ComplexityRouter.DEFAULT_ESCALATE_AFTER_FAILURES);
    }

    @Test
    void should_name_property_when_threshold_is_invalid() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create(ProviderConfig.of(Map.of("thresholds.t2", "0.9"))))
                .withMessageContaining("thresholds.t2").withMessageContaining("0.9");
    }

    @Test
    void should_name_property_when_escalation_is_invalid() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create(ProviderConfig.of(Map.of("escalate-after-failures", "0"))))
                .withMessageContaining("escalate-after-failures");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create(ProviderConfig.of(Map.of("escalate-after-failures", "two"))))
                .withMessageContaining("escalate-after-failures").withMessageContaining("two");
    }
}
