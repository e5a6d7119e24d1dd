package io.qlp.core.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the values of {@code qlp.validation} as parsed from YAML, or as Spring's binder hands them over, where a
 * list is a map by index. Factory properties are strings, so a list becomes one comma-separated value, as the
 * factories read it.
 *
 * <p>Example: {@code ValidationTree.names("qlp.validation.disabled", List.of("security"))}
 */
final class ValidationTree {

    private static final Pattern LIST_INDEX = Pattern.compile("\\[?(\\d+)]?");

    private ValidationTree() {
    }

    /**
     * The names of a list, or of one comma-separated value.
     *
     * @throws IllegalArgumentException naming {@code key} when the value is a section
     */
    static List<String> names(String key, @Nullable Object disabled) {
        if (disabled == null) {
            return List.of();
        }
        Optional<List<String>> items = listItems(disabled);
        if (items.isPresent()) {
            return items.get();
        }
        if (disabled instanceof Map<?, ?>) {
            throw new IllegalArgumentException(key + " must be a list of validator names");
        }
        return List.of(disabled.toString().split(","));
    }

    /**
     * The items of a list, or of the map by index ({@code 0}, {@code 1} or {@code [0]}, {@code [1]}) that Spring's
     * binder makes of one, in order.
     */
    private static Optional<List<String>> listItems(Object value) {
        if (value instanceof Collection<?> list) {
            return Optional.of(list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<Integer, String> byIndex = new TreeMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Matcher index = LIST_INDEX.matcher(String.valueOf(entry.getKey()));
                if (!index.matches()) {
                    return Optional.empty();
                }
                byIndex.put(Integer.parseInt(index.group(1)), String.valueOf(entry.getValue()));
            }
            return Optional.of(List.copyOf(byIndex.values()));
        }
        return Optional.empty();
    }

    /**
     * Each property as a string, a list as one comma-separated value; properties without a value are left out.
     *
     * @throws IllegalArgumentException naming the key when a value is a section
     */
    static Map<String, String> propertyValues(String section, Map<String, @Nullable Object> values) {
        Map<String, String> properties = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Optional<List<String>> items = value == null ? Optional.empty() : listItems(value);
            if (items.isPresent()) {
                properties.put(key, String.join(",", items.get()));
            } else if (value instanceof Map<?, ?>) {
                throw new IllegalArgumentException(section + "." + key + " must be a value or a list, not a section");
            } else if (value != null) {
                properties.put(key, value.toString());
            }
        });
        return properties;
    }
}
