package io.qlp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TierTest {

    @Test
    void should_pick_the_nearest_configured_tier_preferring_the_stronger_on_a_tie() {
        assertThat(Tier.T1.nearestOf(Set.of(Tier.T0, Tier.T2))).isEqualTo(Tier.T2);
        assertThat(Tier.T3.nearestOf(Set.of(Tier.T0, Tier.T1))).isEqualTo(Tier.T1);
        assertThat(Tier.T2.nearestOf(EnumSet.allOf(Tier.class))).isEqualTo(Tier.T2);
        assertThatIllegalArgumentException().isThrownBy(() -> Tier.T0.nearestOf(Set.of()));
    }

    @Test
    void should_parse_either_case_and_name_a_bad_value() {
        assertThat(Tier.parse("t3")).isEqualTo(Tier.T3);
        assertThatIllegalArgumentException().isThrownBy(() -> Tier.parse("T9")).withMessageContaining("T9");
        assertThat(Tier.T3.next()).isEmpty();
        assertThat(Tier.T0.next()).contains(Tier.T1);
    }
}
