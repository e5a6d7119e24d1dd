package io.qlp.validation.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class WorkerProtocolTest {

    @Test
    void should_round_trip_any_text_through_a_field_without_spaces_or_line_breaks() {
        // Code points below the surrogates: text a JVM can encode as UTF-8 and read back unchanged.
        qt().forAll(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 200)).checkAssert(text -> {
            String field = WorkerProtocol.encode(text);

            assertThat(field).doesNotContain(" ", "\n", "\r");
            assertThat(WorkerProtocol.decode(field)).isEqualTo(text);
        });
    }

    @Test
    void should_keep_empty_fields_when_a_line_ends_with_a_space() {
        assertThat(WorkerProtocol.fields("n DONE 1 1 0 0 ")).containsExactly("n", "DONE", "1", "1", "0", "0", "");
    }
}
