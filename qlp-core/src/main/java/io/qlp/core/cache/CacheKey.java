package io.qlp.core.cache;

import io.qlp.api.CapsuleRequest;
import io.qlp.core.json.Manifests;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The exact-cache key of a request: a SHA-256 over the normalised request and everything else that changes the
 * answer — language, framework, tier override, requirements, constraints, the model of every tier, the prompt
 * version and the generator version. Two requests share a key only when they would be sent the same prompt by the
 * same models.
 *
 * <p>Normalising is deliberately light: Unicode NFKC, trimmed, runs of white space made one space. Case is kept,
 * because names in a request ("class FooBar") end up in the code.
 *
 * <p>A request whose metadata holds {@value #PARTITION_METADATA} only shares keys with requests of the same partition
 * (a multi-tenant server puts the tenant there, so one tenant's hit never tells it what another asked); without it,
 * the key is the same as before partitions existed.
 *
 * <p>Example: {@code String key = CacheKey.of(request, List.of("T0=gpt-4o-mini"), PromptBuilder.PROMPT_VERSION, "qlp-java/0.1.0");}
 */
public final class CacheKey {

    /** Request metadata key whose value partitions the exact and semantic caches, such as {@code tenant:acme}. */
    public static final String PARTITION_METADATA = "cache-partition";

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private CacheKey() {
    }

    /** {@code text} in NFKC, trimmed, with each run of white space made one space. */
    public static String normalize(String text) {
        return WHITE_SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }

    /**
     * The key, as 64 lower-case hex digits.
     *
     * @param modelIds one entry per configured tier, such as {@code T0=gpt-4o-mini}; order does not matter
     * @param promptVersion {@link io.qlp.core.internal.PromptBuilder#PROMPT_VERSION}
     * @param generatorVersion the library version, because parsing and validation change with it
     */
    public static String of(CapsuleRequest request, List<String> modelIds, String promptVersion,
                            String generatorVersion) {
        Objects.requireNonNull(request, "request");
        List<String> models = new ArrayList<>(modelIds);
        models.sort(null);
        StringBuilder text = new StringBuilder("qlp-cache-key/1\n");
        field(text, "description", normalize(request.description()));
        field(text, "language", request.language().id());
        field(text, "framework", request.framework() == null ? "" : request.framework().toLowerCase(Locale.ROOT));
        field(text, "tier", request.tierOverride() == null ? "" : request.tierOverride().name());
        request.requirements().forEach(item -> field(text, "requirement", normalize(item)));
        request.constraints().forEach(item -> field(text, "constraint", normalize(item)));
        models.forEach(model -> field(text, "model", model));
        field(text, "prompt", promptVersion);
        field(text, "generator", generatorVersion);
        String partition = request.metadata().get(PARTITION_METADATA);
        if (partition != null) {
            field(text, "partition", partition);
        }
        return Manifests.sha256Hex(text.toString());
    }

    // Length-prefixed, so no choice of values can make two different requests produce the same text.
    private static void field(StringBuilder text, String name, String value) {
        text.append(name).append(':').append(value.length()).append(':').append(value).append('\n');
    }
}
