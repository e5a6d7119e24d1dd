package io.qlp.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.config.QlpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@link QlpSettings} from a YAML file with the {@code qlp.*} keys, or from the environment when no file is
 * given.
 *
 * <p>Example: {@code QlpSettings settings = ConfigLoader.load(Path.of("qlp.yaml"), System.getenv());}
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    /**
     * The settings of {@code file}, or of the environment when {@code file} is null.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when the file is missing or malformed
     */
    public static QlpSettings load(@Nullable Path file, Map<String, String> environment) {
        if (file == null) {
            return QlpSettings.fromEnvironment(environment);
        }
        if (!Files.isRegularFile(file)) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "config file " + file + " does not exist",
                    Map.of("file", file.toString()));
        }
        Map<String, Object> tree;
        try {
            tree = YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "config file " + file + " is not valid YAML: "
                    + reason, Map.of("file", file.toString()));
        }
        return QlpSettings.fromMap(tree == null ? Map.of() : tree);
    }

    /** What to tell a user who has configured no model. */
    public static String howToConfigure() {
        return """
                No model is configured, so nothing was generated. Point qlp at any OpenAI-compatible endpoint:

                  1. Environment variables (one tier):
                       export QLP_OPENAI_BASE_URL=https://api.openai.com/v1   # or http://127.0.0.1:11434/v1 for Ollama
                       export QLP_OPENAI_API_KEY=sk-...                         # any non-empty value for Ollama
                       export QLP_MODEL=gpt-4o-mini                             # or llama3.1, qwen2.5-coder, ...

                  2. A config file, passed with --config qlp.yaml:
                       qlp:
                         tiers:
                           t0: {provider: openai, base-url: http://127.0.0.1:11434/v1, api-key: ollama, model: qwen2.5-coder,
                                input-usd-per-1k-tokens: 0, output-usd-per-1k-tokens: 0}
                           t2: {provider: openai, base-url: https://api.openai.com/v1, api-key-env: OPENAI_API_KEY, model: gpt-4o}
                         generation:
                           max-attempts: 3

                A tier that is not configured falls back to the nearest configured one.""";
    }
}
