package io.qlp.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignalTest {

    @Test
    void should_have_weights_that_add_up_to_one() {
        double total = Arrays.stream(Signal.values()).mapToDouble(Signal::weight).sum();

        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void should_count_two_thirds_for_one_term_and_fully_for_two() {
        assertThat(Signal.CONCURRENCY.contribution(1)).isCloseTo(Signal.CONCURRENCY.weight() * 2 / 3, within(1e-12));
        assertThat(Signal.CONCURRENCY.contribution(2)).isEqualTo(Signal.CONCURRENCY.weight());
        assertThat(Signal.CONCURRENCY.contribution(7)).isEqualTo(Signal.CONCURRENCY.weight());
    }

    @Test
    void should_contribute_nothing_when_amount_is_zero() {
        assertThat(Signal.LENGTH.contribution(0)).isZero();
    }
}
