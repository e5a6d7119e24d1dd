package io.qlp.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where generation runs, {@code qlp.orchestration}: {@code in-process} (default) or {@code temporal} (durable
 * workflows; see {@link TemporalSettings}).
 *
 * <p>Example (YAML): {@code qlp: {orchestration: temporal, temporal: {target: "127.0.0.1:7233"}}}
 *
 * @param mode {@value #IN_PROCESS} or {@value #TEMPORAL}
 */
public record OrchestrationSettings(String mode) {

    /** Generation runs in the calling process. */
    public static final String IN_PROCESS = "in-process";
    /** Generation runs as Temporal workflows. */
    public static final String TEMPORAL = "temporal";

    /**
     * Checks the mode.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} naming {@code qlp.orchestration}
     */
    public OrchestrationSettings {
        mode = mode == null || mode.isBlank() ? IN_PROCESS : mode.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals(IN_PROCESS) && !mode.equals(TEMPORAL)) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "qlp.orchestration must be in-process or"
                    + " temporal, was '" + mode + "'", Map.of("key", "qlp.orchestration"));
        }
    }

    /** The default: in process. */
    public static OrchestrationSettings defaults() {
        return new OrchestrationSettings(IN_PROCESS);
    }

    /** Reads the scalar YAML value. */
    @JsonCreator
    public static OrchestrationSettings of(@Nullable String mode) {
        return new OrchestrationSettings(mode == null ? IN_PROCESS : mode);
    }

    /** The YAML value. */
    @JsonValue
    @Override
    public String mode() {
        return mode;
    }

    /** Whether runs are Temporal workflows. */
    public boolean isTemporal() {
        return mode.equals(TEMPORAL);
    }
}
