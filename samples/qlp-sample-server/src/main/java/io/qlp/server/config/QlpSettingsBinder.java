package io.qlp.server.config;

import io.qlp.api.Tier;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.TierSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads the {@code qlp.*} keys the CLI understands (tiers, generation, data-dir, store, export, memory, cache, routing,
 * budget, orchestration, temporal, decomposition, validation) from the Spring {@link Environment}, so a server and the
 * CLI share one configuration file. {@code qlp.temporal.worker}, which only the Spring Boot starter reads, is left out.
 * When no tier is configured, {@code QLP_OPENAI_BASE_URL}, {@code QLP_OPENAI_API_KEY} and {@code QLP_MODEL} configure
 * tier T0, as in the CLI.
 *
 * <p>Example: {@code QlpSettings settings = QlpSettingsBinder.bind(environment);}
 */
public final class QlpSettingsBinder {

    /** The sections of {@code qlp.*} that {@link QlpSettings} reads; others (such as {@code server}) are left out. */
    static final Set<String> SECTIONS = Set.of("tiers", "generation", "data-dir", "store", "export", "memory", "cache",
            "routing", "budget", "orchestration", "temporal", "decomposition", "validation");
    /** Keys under {@code qlp.temporal} that the starter reads and {@link QlpSettings} does not know. */
    static final Set<String> STARTER_ONLY_TEMPORAL_KEYS = Set.of("worker");

    private QlpSettingsBinder() {
    }

    /**
     * The settings under {@code qlp}.
     *
     * @throws io.qlp.api.NonRetriableQlpException with {@link io.qlp.api.ErrorCode#CONFIGURATION} naming a bad key
     */
    public static QlpSettings bind(Environment environment) {
        Map<String, Object> qlp = Binder.get(environment)
                .bind("qlp", Bindable.mapOf(String.class, Object.class))
                .orElseGet(Map::of);
        Map<String, Object> known = new LinkedHashMap<>();
        qlp.forEach((key, value) -> {
            if (key.equals("temporal") && value instanceof Map<?, ?> temporal) {
                Map<Object, Object> copy = new LinkedHashMap<>(temporal);
                copy.keySet().removeAll(STARTER_ONLY_TEMPORAL_KEYS);
                known.put(key, copy);
            } else if (SECTIONS.contains(key)) {
                known.put(key, value);
            }
        });
        QlpSettings settings = QlpSettings.fromMap(Map.of("qlp", known));
        if (!settings.tiers().isEmpty()) {
            return settings;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String name : new String[] {QlpSettings.ENV_BASE_URL, QlpSettings.ENV_API_KEY, QlpSettings.ENV_MODEL}) {
            String value = environment.getProperty(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        Map<Tier, TierSettings> fromVariables = QlpSettings.fromEnvironment(variables).tiers();
        return new QlpSettings(fromVariables, settings.generation(), settings.dataDir(), settings.store(),
                settings.export(), settings.memory(), settings.cache(), settings.routing(), settings.budget(),
                settings.orchestration(), settings.temporal(), settings.decomposition(), settings.validation());
    }

    /** Whether a model tier is configured through {@code qlp.tiers} or the {@code QLP_*} variables. */
    public static boolean modelConfigured(Environment environment) {
        return !bind(environment).tiers().isEmpty();
    }
}
