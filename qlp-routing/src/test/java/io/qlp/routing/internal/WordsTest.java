package io.qlp.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void should_split_into_lower_case_words_when_text_mixes_case_and_punctuation() {
        Words words = Words.of("Thread-safe LRU cache, in Java 17!");

        assertThat(words.size()).isEqualTo(7);
        assertThat(words.get(0)).isEqualTo("thread");
        assertThat(words.get(1)).isEqualTo("safe");
        assertThat(words.get(6)).isEqualTo("17");
    }

    @Test
    void should_mark_break_when_punctuation_or_line_break_separates_words() {
        Words words = Words.of("multi-service pub/sub, cache\nqueue");

        assertThat(words.breakBefore(1)).as("hyphen").isFalse();
        assertThat(words.breakBefore(3)).as("slash").isFalse();
        assertThat(words.breakBefore(4)).as("comma").isTrue();
        assertThat(words.breakBefore(5)).as("line break").isTrue();
        assertThat(words.unbroken(0, 3)).isTrue();
        assertThat(words.unbroken(3, 4)).isFalse();
    }

    @Test
    void should_have_no_words_when_text_is_only_punctuation() {
        assertThat(Words.of(" -- ; ").size()).isZero();
    }
}
