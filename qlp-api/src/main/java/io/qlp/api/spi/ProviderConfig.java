package io.qlp.api.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * String properties handed to a provider factory, such as the {@code qlp.*} keys of the CLI or Spring.
 *
 * <p>Example: {@code ProviderConfig.of(Map.of("timeout", "PT30S")).duration("timeout", Duration.ofSeconds(60))}
 *
 * @param properties the properties; keys without the {@code qlp.} prefix of the factory's section
 */
public record ProviderConfig(Map<String, String> properties) {

    /** Copies the map. */
    public ProviderConfig {
        properties = Map.copyOf(properties);
    }

    /** A configuration with no properties. */
    public static ProviderConfig empty() {
        return new ProviderConfig(Map.of());
    }

    /** A configuration with the given properties. */
    public static ProviderConfig of(Map<String, String> properties) {
        return new ProviderConfig(properties);
    }

    /** The value of {@code key}, if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * The integer value of {@code key}, or {@code fallback}.
     *
     * @throws IllegalArgumentException naming the key and value when it is not an integer
     */
    public int integer(String key, int fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property '" + key + "' must be an integer, was '" + value + "'", e);
        }
    }

    /**
     * The decimal value of {@code key}, or {@code fallback}.
     *
     * @throws IllegalArgumentException naming the key and value when it is not a number
     */
    public double decimal(String key, double fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property '" + key + "' must be a number, was '" + value + "'", e);
        }
    }

    /**
     * The duration of {@code key}, as ISO-8601 ({@code PT30S}) or a number of seconds ({@code 30}), or {@code fallback}.
     *
     * @throws IllegalArgumentException naming the key and value when it is neither
     */
    public Duration duration(String key, Duration fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        String trimmed = value.trim();
        try {
            if (trimmed.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            }
            if (trimmed.matches("\\d+s")) {
                return Duration.ofSeconds(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
            }
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("property '" + key + "' must be a duration such as PT30S or 30s, was '"
                    + value + "'", e);
        }
    }
}
