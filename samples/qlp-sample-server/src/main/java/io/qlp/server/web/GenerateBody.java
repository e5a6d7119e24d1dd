package io.qlp.server.web;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Tier;
import io.qlp.core.BudgetLedger;
import io.qlp.core.cache.CacheKey;
import io.qlp.server.security.Tenant;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/generate/capsule}: a {@link CapsuleRequest} as JSON. Unknown fields are rejected.
 *
 * <p>Example: {@code {"description": "A stack of ints, with tests", "language": "java"}}
 *
 * @param description what to build
 * @param requirements things the code must do
 * @param constraints things the code must not do
 * @param language {@code java} (default), {@code python} or {@code javascript}
 * @param framework target framework, such as {@code junit5}
 * @param tierOverride {@code T0} to {@code T3}, winning over the router
 * @param budgetUsd most this request may spend on model calls
 * @param metadata free-form strings kept with the capsule; keys starting with {@code qlp.},
 *     {@value io.qlp.core.BudgetLedger#KEY_METADATA} and {@value io.qlp.core.cache.CacheKey#PARTITION_METADATA} are
 *     reserved
 */
@Schema(name = "CapsuleRequest", description = "What to generate; unknown fields are rejected with 400.")
public record GenerateBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "A Java class that parses ISO-8601 durations, with tests")
        @Nullable String description,
        @Nullable List<String> requirements,
        @Nullable List<String> constraints,
        @Schema(example = "java", allowableValues = {"java", "python", "javascript"}) @Nullable Language language,
        @Nullable String framework,
        @Schema(example = "T0", allowableValues = {"T0", "T1", "T2", "T3"}) @Nullable String tierOverride,
        @Nullable BigDecimal budgetUsd,
        @Nullable Map<String, String> metadata) {

    /** Budget key of a caller: a prefix of its key's hash, which names the key without revealing it. */
    static String budgetKey(Tenant tenant) {
        return "key:" + tenant.keyId().substring(0, Math.min(16, tenant.keyId().length()));
    }

    /** The metadata key holding the tenant that owns the capsule. */
    public static final String TENANT_KEY = "qlp.tenant";

    /**
     * The request, owned by {@code tenant}, whose spending counts against the daily budget of the caller's key
     * ({@code qlp.budget.daily-usd-per-key}) and whose cache hits come only from the same tenant's capsules. A caller
     * can choose neither, or it could spend another key's budget or learn what another tenant asked.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} naming the field
     */
    public CapsuleRequest toRequest(Tenant tenant) {
        CapsuleRequest.Builder builder = CapsuleRequest.builder()
                .description(description == null ? "" : description)
                .requirements(requirements == null ? List.of() : requirements)
                .constraints(constraints == null ? List.of() : constraints)
                .language(language == null ? Language.JAVA : language)
                .framework(framework)
                .budgetUsd(budgetUsd);
        if (tierOverride != null) {
            try {
                builder.tierOverride(Tier.parse(tierOverride));
            } catch (IllegalArgumentException e) {
                throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "tierOverride must be T0, T1, T2 or T3,"
                        + " was '" + tierOverride + "'", Map.of("field", "tierOverride"));
            }
        }
        if (metadata != null) {
            metadata.forEach((key, value) -> {
                if (key.startsWith("qlp.") || key.equals(BudgetLedger.KEY_METADATA)
                        || key.equals(CacheKey.PARTITION_METADATA)) {
                    throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "metadata keys starting with 'qlp.',"
                            + " '" + BudgetLedger.KEY_METADATA + "' and '" + CacheKey.PARTITION_METADATA
                            + "' are reserved: " + key,
                            Map.of("field", "metadata." + key));
                }
                if (value == null) {
                    throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "metadata values must be strings: "
                            + key, Map.of("field", "metadata." + key));
                }
                builder.metadata(key, value);
            });
        }
        builder.metadata(TENANT_KEY, tenant.name());
        builder.metadata(BudgetLedger.KEY_METADATA, budgetKey(tenant));
        builder.metadata(CacheKey.PARTITION_METADATA, "tenant:" + tenant.name());
        return builder.build();
    }
}
