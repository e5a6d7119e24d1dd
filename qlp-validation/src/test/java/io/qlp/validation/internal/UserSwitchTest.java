package io.qlp.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserSwitchTest {

    @Test
    void should_not_hand_a_reserved_user_to_other_commands_when_a_warm_process_holds_it() {
        try (UserSwitch.Reservation zygote = UserSwitch.reserve()) {
            Set<Integer> handedOut = new HashSet<>();
            IntStream.range(0, UserSwitch.IDS_PER_JVM * 3).forEach(i -> handedOut.add(UserSwitch.nextUid()));

            assertThat(zygote.uid()).isGreaterThanOrEqualTo(UserSwitch.FIRST_UID);
            assertThat(handedOut).isNotEmpty().doesNotContain(zygote.uid());
        }
    }

    @Test
    void should_hand_the_user_out_again_when_its_reservation_is_closed() {
        UserSwitch.Reservation reservation = UserSwitch.reserve();
        reservation.close();
        reservation.close();

        Set<Integer> handedOut = new HashSet<>();
        IntStream.range(0, UserSwitch.IDS_PER_JVM).forEach(i -> handedOut.add(UserSwitch.nextUid()));

        assertThat(handedOut).contains(reservation.uid());
    }

    @Test
    void should_give_two_reservations_different_users_when_both_are_held() {
        try (UserSwitch.Reservation first = UserSwitch.reserve();
             UserSwitch.Reservation second = UserSwitch.reserve()) {
            assertThat(first.uid()).isNotEqualTo(second.uid());
        }
    }
}
