package io.qlp.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates request-like texts for {@code qlp memory bench --data minilm}: a template ("Write a {language} function
 * that ...") filled from word lists (actions, objects, qualifiers), about 1.4 million distinct texts per language.
 * Like real requests they share a few phrasings and differ in a few words, which makes their embeddings cluster
 * loosely by topic.
 *
 * <p>Example: {@code new RequestTexts(new Random(42), 3).distinct(20_000)}
 */
final class RequestTexts {

    /** Languages a text can name; the first {@code languages} are used. */
    static final List<String> LANGUAGES = List.of("java", "python", "typescript", "go", "rust");

    private static final List<String> TEMPLATES = List.of(
            "Write a %s function that %s %s %s",
            "Create a %s class that %s %s %s",
            "I need %s code which %s %s %s",
            "Implement a %s utility that %s %s %s",
            "Generate a small %s module that %s %s %s",
            "Build a %s service method that %s %s %s",
            "Please write %s that %s %s %s",
            "Add a %s helper which %s %s %s");
    private static final List<String> ACTIONS = List.of(
            "sorts", "parses", "validates", "filters", "merges", "counts", "reverses", "caches", "serializes",
            "compresses", "encrypts", "deduplicates", "paginates", "groups", "formats", "normalizes", "indexes",
            "searches", "summarises", "converts", "downloads", "uploads", "batches", "rate-limits", "retries reading",
            "streams", "splits", "joins", "hashes", "checks");
    private static final List<String> OBJECTS = List.of(
            "a list of integers", "CSV rows", "JSON documents", "user records", "dates", "email addresses",
            "HTTP requests", "log lines", "file paths", "URLs", "invoices", "matrix rows", "words in a sentence",
            "timestamps", "bank transactions", "product prices", "tree nodes", "graph edges", "XML elements",
            "phone numbers", "temperature readings", "orders", "chat messages", "image metadata", "IP addresses",
            "passwords", "config entries", "database rows", "shopping cart items", "sensor events", "search queries",
            "calendar events", "stock quotes", "postal codes", "book titles", "employee salaries");
    private static final List<String> QUALIFIERS = List.of(
            "in ascending order", "in descending order", "ignoring case", "with unit tests", "in place",
            "using streams", "without recursion", "with a timeout", "thread-safely", "in linear time",
            "and returns the top 10", "by a given key", "from a file", "over a REST API", "with error handling",
            "and logs failures", "lazily", "in parallel", "with a configurable limit", "and reports duplicates",
            "using only the standard library", "with retries and backoff", "for very large inputs", "and memoizes results",
            "with input validation", "as an iterator", "into a map", "with clear error messages",
            "and skips blank entries", "with a builder", "asynchronously", "with an in-memory cache",
            "and writes the result to disk", "with property-based tests", "respecting unicode", "under 100 lines",
            "with documentation comments", "for a command-line tool", "for a web handler", "");

    private final Random random;
    private final int languages;

    RequestTexts(Random random, int languages) {
        if (languages < 1 || languages > LANGUAGES.size()) {
            throw new IllegalArgumentException("languages must be between 1 and " + LANGUAGES.size() + ": "
                    + languages);
        }
        this.random = random;
        this.languages = languages;
    }

    /** One generated request and the language it names. */
    record Text(String text, String language) {
    }

    /** {@code count} distinct texts in random order. */
    List<Text> distinct(int count) {
        long possible = (long) languages * TEMPLATES.size() * ACTIONS.size() * OBJECTS.size() * QUALIFIERS.size();
        if (count > possible / 2) {
            throw new IllegalArgumentException("at most " + possible / 2 + " distinct texts for " + languages
                    + " languages: " + count);
        }
        Set<String> seen = new HashSet<>();
        List<Text> texts = new ArrayList<>(count);
        while (texts.size() < count) {
            String language = LANGUAGES.get(random.nextInt(languages));
            String text = String.format(TEMPLATES.get(random.nextInt(TEMPLATES.size())), language,
                    pick(ACTIONS), pick(OBJECTS), pick(QUALIFIERS)).strip();
            if (seen.add(text)) {
                texts.add(new Text(text, language));
            }
        }
        return texts;
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
