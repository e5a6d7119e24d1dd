package io.qlp.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which discovered validators run and the properties each {@link ValidatorFactory} is built with, under
 * {@code qlp.validation}. Property values are handed to the factory as strings; a YAML list becomes one
 * comma-separated value. See each factory's Javadoc for its properties: {@code java} ({@code test-timeout}),
 * {@code python} ({@code test-timeout}, {@code python}, {@code autoload-plugins}, {@code warm-pool}),
 * {@code javascript} ({@code test-timeout}, {@code node}, {@code warm-pool}, {@code syntax-checker}) and
 * {@code security} ({@code entropy-threshold}, {@code disabled-rules}).
 *
 * <p>Example (YAML):
 * <pre>{@code
 * qlp:
 *   validation:
 *     disabled: [security]
 *     validators:
 *       java: {test-timeout: 30s}
 *       python: {warm-pool: false, test-timeout: 20s}
 * }</pre>
 *
 * @param disabled names of validator factories not to load, such as {@code security}; none by default
 * @param validators properties of each validator factory, by factory name; none by default
 */
public record ValidationSettings(List<String> disabled, Map<String, Map<String, String>> validators) {

    /** Prefix of every key of this section, for error messages. */
    private static final String PREFIX = "qlp.validation";

    private static final Pattern CAMEL_HUMP = Pattern.compile("-([a-z])");

    /** Copies both, trimming names and keeping the validators' order. */
    public ValidationSettings {
        disabled = disabled.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        validators.forEach((name, properties) -> copy.put(name.strip(), Map.copyOf(properties)));
        validators = Collections.unmodifiableMap(copy);
    }

    /** Every discovered validator, each with its factory's defaults. */
    public static ValidationSettings defaults() {
        return new ValidationSettings(List.of(), Map.of());
    }

    /**
     * Reads the YAML or JSON shape: absent parts are empty, {@code disabled} is a list or one comma-separated value,
     * a property given as a list becomes one comma-separated value and a property without a value is left out.
     *
     * @throws IllegalArgumentException naming the key when a property value is itself a section
     */
    @JsonCreator
    static ValidationSettings fromTree(@JsonProperty("disabled") @Nullable Object disabled,
                                       @JsonProperty("validators")
                                       @Nullable Map<String, @Nullable Map<String, @Nullable Object>> validators) {
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        if (validators != null) {
            validators.forEach((name, values) -> properties.put(name, values == null ? Map.of()
                    : ValidationTree.propertyValues(PREFIX + ".validators." + name, values)));
        }
        return new ValidationSettings(ValidationTree.names(PREFIX + ".disabled", disabled), properties);
    }

    /**
     * Builds a validator from each of {@code factories} that is not disabled, with its configured properties, in the
     * factories' order.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} listing the known names when a name in
     *     {@code disabled} or {@code validators} matches no factory or a property is not one the factory declares
     *     ({@link ValidatorFactory#propertyNames()}), or naming the key when a factory rejects a value
     */
    public List<Validator> create(List<? extends ValidatorFactory> factories) {
        List<String> known = factories.stream().map(ValidatorFactory::name).toList();
        disabled.forEach(name -> requireKnown(name, PREFIX + ".disabled", known));
        validators.keySet().forEach(name -> requireKnown(name, PREFIX + ".validators." + name, known));
        Set<String> skipped = Set.copyOf(disabled);
        List<Validator> created = new ArrayList<>();
        for (ValidatorFactory factory : factories) {
            if (!skipped.contains(factory.name())) {
                created.add(create(factory));
            }
        }
        return created;
    }

    private Validator create(ValidatorFactory factory) {
        Map<String, String> properties = validators.getOrDefault(factory.name(), Map.of());
        requireDeclared(factory, properties.keySet());
        try {
            return factory.create(ProviderConfig.of(properties));
        } catch (IllegalArgumentException e) {
            String key = PREFIX + ".validators." + factory.name() + badProperty(properties, e.getMessage())
                    .map(property -> "." + property).orElse("");
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, key + ": " + e.getMessage(),
                    Map.of("key", key));
        }
    }

    /**
     * The property the factory's message names (as {@code test-timeout} or {@code testTimeout}), or the only one set,
     * so the error points at the line to fix.
     */
    private static Optional<String> badProperty(Map<String, String> properties, @Nullable String message) {
        String text = message == null ? "" : message;
        List<String> named = properties.keySet().stream()
                .filter(key -> mentions(text, key) || mentions(text, camelCase(key))).toList();
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        return properties.size() == 1 ? Optional.of(properties.keySet().iterator().next()) : Optional.empty();
    }

    private static boolean mentions(String message, String word) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(message).find();
    }

    private static String camelCase(String kebab) {
        return CAMEL_HUMP.matcher(kebab).replaceAll(hump -> hump.group(1).toUpperCase(Locale.ROOT));
    }

    /** A property the factory does not read would be ignored; a misspelt timeout must not pass silently. */
    private static void requireDeclared(ValidatorFactory factory, Set<String> properties) {
        Set<String> declared = factory.propertyNames();
        if (declared.isEmpty()) {
            return;
        }
        for (String property : properties) {
            if (!declared.contains(property)) {
                String key = PREFIX + ".validators." + factory.name() + "." + property;
                String names = String.join(", ", new TreeSet<>(declared));
                throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, key + ": the " + factory.name()
                        + " validator has no property '" + property + "'; its properties: " + names,
                        Map.of("key", key, "known", names));
            }
        }
    }

    private static void requireKnown(String name, String key, List<String> known) {
        if (!known.contains(name)) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, key + ": '" + name
                    + "' is not a validator on the class path; known validators: " + String.join(", ", known),
                    Map.of("key", key, "known", String.join(",", known)));
        }
    }
}
