package io.qlp.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NetworkIsolationTest {

    @Test
    void should_be_unavailable_with_a_reason_when_unshare_cannot_run() {
        NetworkIsolation isolation = NetworkIsolation.probe(Path.of("/nonexistent/unshare"));

        assertThat(isolation.available()).isFalse();
        assertThat(isolation.prefix()).isEmpty();
        assertThat(isolation.unavailableReason()).contains("/nonexistent/unshare");
    }

    @Test
    void should_end_the_prefix_with_a_separator_when_isolation_works() {
        NetworkIsolation isolation = NetworkIsolation.detect();

        if (isolation.available()) {
            assertThat(isolation.prefix()).first().asString().endsWith("unshare");
            assertThat(isolation.prefix()).last().isEqualTo("--");
        } else {
            assertThat(isolation.unavailableReason()).isNotBlank();
        }
    }
}
