package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.server.security.LocalRequestLimiter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRequestLimiterTest {

    @Test
    void should_refuse_with_a_wait_of_at_most_a_minute_when_a_key_used_its_permits() {
        LocalRequestLimiter limiter = new LocalRequestLimiter(3);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("key-a")).isEmpty();
        }

        assertThat(limiter.tryAcquire("key-a")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(limiter.tryAcquire("key-b")).as("each key has its own permits").isEmpty();
    }
}
