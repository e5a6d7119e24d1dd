package io.qlp.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordSignalsTest {

    private final KeywordSignals keywords = KeywordSignals.standard();

    @Test
    void should_find_terms_of_each_signal_when_text_mentions_them() {
        Map<Signal, Set<String>> found = keywords.find(
                "A thread-safe LRU cache backed by a SQL database, with JWT tokens and a graph of dependencies");

        assertThat(found.get(Signal.CONCURRENCY)).containsExactly("thread");
        assertThat(found.get(Signal.PERSISTENCE)).containsExactly("cache", "sql", "database");
        assertThat(found.get(Signal.SECURITY)).containsExactly("token");
        assertThat(found.get(Signal.ALGORITHMIC)).containsExactly("graph");
    }

    @Test
    void should_count_inflections_once_when_a_term_repeats() {
        Map<Signal, Set<String>> found = keywords.find("Parse the input; the parser keeps parsing until EOF.");

        assertThat(found.get(Signal.ALGORITHMIC)).containsExactly("parser");
    }

    @Test
    void should_match_case_insensitively() {
        assertThat(keywords.find("ASYNC handlers with a MUTEX").get(Signal.CONCURRENCY))
                .containsExactly("async", "mutex");
    }

    @Test
    void should_ignore_words_that_only_start_like_a_term() {
        Map<Signal, Set<String>> found = keywords.find("the author tokenizes a threadbare catalogue");

        assertThat(found).doesNotContainKeys(Signal.SECURITY, Signal.CONCURRENCY, Signal.PERSISTENCE);
        assertThat(found.get(Signal.ALGORITHMIC)).containsExactly("tokenizer");
    }

    @Test
    void should_find_nothing_when_text_is_plain() {
        assertThat(keywords.find("a function that adds two numbers")).isEmpty();
    }

    @Test
    void should_prefer_longest_phrase_when_phrases_overlap() {
        Map<Signal, Set<String>> found = keywords.find("a thread pool guarded against SQL injection");

        assertThat(found.get(Signal.CONCURRENCY)).containsExactly("executor");
        assertThat(found.get(Signal.SECURITY)).containsExactly("injection");
        assertThat(found).doesNotContainKey(Signal.PERSISTENCE);
    }

    @Test
    void should_not_join_a_phrase_across_punctuation() {
        Map<Signal, Set<String>> found = keywords.find("store it in SQL; injection of dependencies is fine");

        assertThat(found.get(Signal.PERSISTENCE)).containsExactly("sql");
        assertThat(found.get(Signal.SECURITY)).containsExactly("injection");
    }

    @Test
    void should_match_stems_when_word_is_inflected() {
        assertThat(keywords.find("encrypted at rest, users authenticated").get(Signal.SECURITY))
                .containsExactly("encryption", "authentication");
    }

    @Test
    void should_reject_vocabulary_when_a_form_repeats() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KeywordSignals(List.of(
                        new KeywordSignals.Term(Signal.SECURITY, "token", "token, jwt"),
                        new KeywordSignals.Term(Signal.SECURITY, "jwt", "jwt"))))
                .withMessageContaining("'jwt'").withMessageContaining("already in 'token'");
    }
}
