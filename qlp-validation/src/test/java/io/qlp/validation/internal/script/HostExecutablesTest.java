package io.qlp.validation.internal.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostExecutablesTest {

    @Test
    void should_return_the_trimmed_output_when_the_probe_exits_with_zero() {
        assertThat(HostExecutables.probe(List.of("sh", "-c", "echo '  v1.2  '"))).contains("v1.2");
    }

    @Test
    void should_return_nothing_when_the_probe_fails() {
        assertThat(HostExecutables.probe(List.of("sh", "-c", "echo v1; exit 3"))).isEmpty();
    }

    @Test
    void should_kill_the_probe_and_return_nothing_when_it_prints_and_then_hangs_past_the_timeout() {
        String marker = "61.4242";

        assertThat(HostExecutables.run(new ProcessBuilder("sh", "-c", "echo started; exec sleep " + marker),
                Duration.ofSeconds(1))).isEmpty();
        // Returned while the probe would still be sleeping: it was killed, not waited for.
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(marker))).isEmpty();
    }

    @Test
    void should_keep_only_the_first_bytes_when_the_probe_prints_a_lot() {
        assertThat(HostExecutables.probe(List.of("sh", "-c", "head -c 200000 /dev/zero | tr '\\\\0' x")))
                .hasValueSatisfying(out -> assertThat(out).hasSize(HostExecutables.PROBE_OUTPUT_BYTES));
    }
}
