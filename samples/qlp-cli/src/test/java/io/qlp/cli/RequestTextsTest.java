package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestTextsTest {

    @Test
    void should_generate_distinct_texts_that_name_their_language_when_asked_for_thousands() {
        List<RequestTexts.Text> texts = new RequestTexts(new Random(1), 3).distinct(5000);

        assertThat(texts).hasSize(5000);
        assertThat(texts.stream().map(RequestTexts.Text::text).distinct()).hasSize(5000);
        assertThat(texts).allSatisfy(text -> assertThat(text.text()).contains(" " + text.language() + " "));
        assertThat(texts.stream().map(RequestTexts.Text::language).distinct())
                .containsExactlyInAnyOrder("java", "python", "typescript");
    }

    @Test
    void should_repeat_the_same_texts_when_the_seed_is_the_same() {
        assertThat(new RequestTexts(new Random(9), 1).distinct(50)).isEqualTo(new RequestTexts(new Random(9), 1)
                .distinct(50));
    }

    @Test
    void should_reject_languages_out_of_range_naming_the_value() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestTexts(new Random(1), 6))
                .withMessageContaining("6");
    }
}
