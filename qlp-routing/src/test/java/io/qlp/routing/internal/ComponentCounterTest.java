package io.qlp.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComponentCounterTest {

    private final ComponentCounter counter = new ComponentCounter();

    @Test
    void should_count_one_when_component_is_mentioned_bare() {
        assertThat(counter.count("a function that adds two numbers")).isEqualTo(1);
    }

    @Test
    void should_multiply_when_number_or_quantity_word_precedes() {
        assertThat(counter.count("three services")).isEqualTo(3);
        assertThat(counter.count("5 REST endpoints")).isEqualTo(5);
        assertThat(counter.count("several small modules")).isEqualTo(3);
        assertThat(counter.count("a multi-service backend")).isEqualTo(3);
    }

    @Test
    void should_add_every_mention_when_text_names_several_components() {
        assertThat(counter.count("two classes, an interface and four endpoints")).isEqualTo(7);
    }

    @Test
    void should_cap_one_mention_when_number_is_huge() {
        assertThat(counter.count("1000 tables")).isEqualTo(ComponentCounter.MOST_PER_MENTION);
    }

    @Test
    void should_count_nothing_when_no_component_is_named() {
        assertThat(counter.count("add two numbers and return the sum")).isZero();
    }
}
