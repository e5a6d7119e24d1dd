package io.qlp.core.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestContrastTest {

    @Test
    void should_contrast_when_one_word_is_swapped() {
        assertThat(RequestContrast.between("Sort integers in ascending order", "Sort integers in descending order"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("ascending").contains("descending"));
    }

    @Test
    void should_contrast_when_numbers_differ() {
        assertThat(RequestContrast.between("Allow 10 requests per second", "Allow ten requests per second"))
                .isEmpty();
        assertThat(RequestContrast.between("Allow 10 requests per second", "Allow 100 requests per second"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("numbers"));
    }

    @Test
    void should_contrast_when_only_one_negates() {
        assertThat(RequestContrast.between("A counter that is thread-safe", "A counter that is not thread-safe"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("negates"));
    }

    @Test
    void should_contrast_when_conversion_direction_is_reversed() {
        assertThat(RequestContrast.between("Convert Celsius to Fahrenheit", "Convert Fahrenheit to Celsius"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("direction"));
    }

    @Test
    void should_contrast_when_literals_differ() {
        assertThat(RequestContrast.between("Parse dates like yyyy-MM-dd", "Parse dates like dd/MM/yyyy"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("literals"));
    }

    @Test
    void should_not_contrast_rewordings() {
        assertThat(RequestContrast.between("Reverse a singly linked list",
                "Write code that reverses a singly-linked list")).isEmpty();
        assertThat(RequestContrast.between("A thread-safe counter with increment and get",
                "Implement a counter that can be incremented and read safely from many threads")).isEmpty();
    }
}
