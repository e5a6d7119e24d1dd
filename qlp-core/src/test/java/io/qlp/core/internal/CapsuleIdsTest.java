package io.qlp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CapsuleIdsTest {

    @Test
    void should_make_version_7_uuids_when_asked_for_an_id() {
        UUID id = UUID.fromString(CapsuleIds.next());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void should_sort_ids_by_the_millisecond_they_were_made_when_made_one_after_another() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(CapsuleIds.next());
            Thread.sleep(2);
        }

        assertThat(ids).isSorted();
    }

    @Test
    void should_never_repeat_an_id_when_many_are_made_in_the_same_millisecond() {
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(CapsuleIds.next());
        }

        assertThat(ids).hasSize(100_000);
    }
}
