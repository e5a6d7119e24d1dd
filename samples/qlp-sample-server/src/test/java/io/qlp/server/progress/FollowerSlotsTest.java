package io.qlp.server.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.ErrorCode;
import io.qlp.api.RetriableQlpException;
import io.qlp.server.web.QlpErrorMapping;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class FollowerSlotsTest {

    @Test
    void should_refuse_with_retriable_orchestration_unavailable_when_every_slot_is_in_use() {
        FollowerSlots slots = new FollowerSlots(2);
        slots.take();
        slots.take();

        assertThatThrownBy(slots::take).isInstanceOfSatisfying(RetriableQlpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.ORCHESTRATION_UNAVAILABLE);
            assertThat(e.details()).containsEntry("followedRuns", 2);
            assertThat(QlpErrorMapping.status(e.errorCode())).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        });
        assertThat(slots.inUse()).isEqualTo(2);
    }

    @Test
    void should_take_a_slot_again_when_a_run_released_one() {
        FollowerSlots slots = new FollowerSlots(1);
        slots.take();
        slots.release();

        slots.take();

        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void should_reject_a_limit_below_one_naming_it_when_constructed() {
        assertThatThrownBy(() -> new FollowerSlots(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
