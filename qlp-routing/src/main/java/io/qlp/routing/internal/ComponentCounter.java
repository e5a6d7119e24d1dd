package io.qlp.routing.internal;

import java.util.Map;
import java.util.Set;

/**
 * Counts the components a text asks for: classes, endpoints, services, modules, tables and the like. A number or
 * quantity word up to two words before the noun, in the same clause, multiplies ("three REST services" counts 3,
 * "several endpoints" and "multi-service" count 3); a bare mention counts 1.
 *
 * <p>Example: {@code new ComponentCounter().count("two services and a class")} is 3.
 */
public final class ComponentCounter {

    /** Most one mention may count, so a stray "1000 tables" cannot dominate. */
    static final int MOST_PER_MENTION = 20;
    private static final int SEVERAL = 3;
    private static final int MOST_WORDS_BETWEEN = 2;
    private static final int MOST_DIGITS = 4;

    private static final Map<String, Integer> QUANTITY_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("several", SEVERAL), Map.entry("multiple", SEVERAL), Map.entry("many", SEVERAL),
            Map.entry("various", SEVERAL));

    private static final Set<String> COMPONENT_WORDS = Set.of(
            "class", "classes", "interface", "interfaces", "enum", "enums", "function", "functions", "method",
            "methods", "module", "modules", "package", "packages", "library", "libraries", "service", "services",
            "microservice", "microservices", "component", "components", "endpoint", "endpoints", "api", "apis",
            "route", "routes", "controller", "controllers", "handler", "handlers", "repository", "repositories",
            "entity", "entities", "table", "tables", "screen", "screens", "page", "pages", "view", "views", "layer",
            "layers", "command", "commands", "subcommand", "subcommands", "plugin", "plugins", "worker", "workers",
            "job", "jobs", "client", "clients", "server", "servers");

    /** The number of components {@code text} mentions, weighted by their quantities. */
    public int count(CharSequence text) {
        return count(Words.of(text));
    }

    /** The number of components {@code words} mention, weighted by their quantities. */
    public int count(Words words) {
        int total = 0;
        for (int index = 0; index < words.size(); index++) {
            if (COMPONENT_WORDS.contains(words.get(index))) {
                total += quantityBefore(words, index);
            }
        }
        return total;
    }

    private static int quantityBefore(Words words, int component) {
        if (component > 0 && !words.breakBefore(component) && words.get(component - 1).equals("multi")) {
            return SEVERAL;
        }
        for (int index = component - 1; index >= Math.max(0, component - 1 - MOST_WORDS_BETWEEN); index--) {
            if (words.breakBefore(index + 1) || COMPONENT_WORDS.contains(words.get(index))) {
                return 1;
            }
            int quantity = quantityOf(words.get(index));
            if (quantity > 0) {
                return Math.min(MOST_PER_MENTION, quantity);
            }
        }
        return 1;
    }

    private static int quantityOf(String word) {
        Integer named = QUANTITY_WORDS.get(word);
        if (named != null) {
            return named;
        }
        if (word.length() > MOST_DIGITS || !word.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(word);
    }
}
