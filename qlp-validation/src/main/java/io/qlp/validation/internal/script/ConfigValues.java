package io.qlp.validation.internal.script;

import java.util.Locale;

/**
 * Reads factory properties that {@link io.qlp.api.spi.ProviderConfig} has no typed getter for.
 *
 * <p>Example: {@code ConfigValues.bool("autoload-plugins", "true")}
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /**
     * {@code true} or {@code false}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the key and value otherwise
     */
    public static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("property '" + key + "' must be true or false, was '"
                    + value + "'");
        };
    }
}
