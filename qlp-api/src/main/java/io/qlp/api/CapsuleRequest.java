package io.qlp.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the user asks for, in plain language, plus the facts that shape the answer.
 * Bad values fail with {@link ErrorCode#INVALID_REQUEST}, naming the field in {@link QlpException#details()}.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleRequest request = CapsuleRequest.builder()
 *     .description("A Java class that parses ISO-8601 durations, with tests")
 *     .requirement("reject negative values")
 *     .language(Language.JAVA)
 *     .build();
 * }</pre>
 *
 * @param description what to build; not blank, at most {@link #MAX_DESCRIPTION_LENGTH} characters
 * @param requirements things the code must do
 * @param constraints things the code must not do, or limits it must respect
 * @param language target language
 * @param framework target framework, if any (for example {@code junit5}, {@code pytest})
 * @param tierOverride a tier that wins over the router, if set
 * @param budgetUsd most this request may spend on model calls, if set
 * @param metadata free-form caller data, kept with the capsule
 */
public record CapsuleRequest(String description, List<String> requirements, List<String> constraints,
                             Language language, @Nullable String framework, @Nullable Tier tierOverride,
                             @Nullable BigDecimal budgetUsd, Map<String, String> metadata) {

    /** Longest accepted description, in characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 20_000;
    /** Most requirements plus constraints in one request. */
    public static final int MAX_ITEMS = 100;
    /** Longest accepted requirement or constraint, in characters. */
    public static final int MAX_ITEM_LENGTH = 2_000;

    /** Validates every field. */
    public CapsuleRequest {
        if (description == null || description.isBlank()) {
            throw invalid("description", "description must not be empty or blank", description);
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw invalid("description", "description is " + description.length() + " characters; the limit is "
                    + MAX_DESCRIPTION_LENGTH, null);
        }
        if (language == null) {
            throw invalid("language", "language must be set", null);
        }
        requirements = checkedItems("requirements", requirements);
        constraints = checkedItems("constraints", constraints);
        if (requirements.size() + constraints.size() > MAX_ITEMS) {
            throw invalid("requirements", "at most " + MAX_ITEMS + " requirements and constraints together", null);
        }
        if (framework != null && framework.isBlank()) {
            framework = null;
        }
        if (budgetUsd != null && budgetUsd.signum() <= 0) {
            throw invalid("budgetUsd", "budget must be positive, was " + budgetUsd, budgetUsd.toPlainString());
        }
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    private static List<String> checkedItems(String field, @Nullable List<String> items) {
        if (items == null) {
            return List.of();
        }
        for (String item : items) {
            if (item == null || item.isBlank()) {
                throw invalid(field, field + " must not contain empty entries", null);
            }
            if (item.length() > MAX_ITEM_LENGTH) {
                throw invalid(field, field + " entry is " + item.length() + " characters; the limit is "
                        + MAX_ITEM_LENGTH, null);
            }
        }
        return List.copyOf(items);
    }

    private static NonRetriableQlpException invalid(String field, String message, @Nullable String value) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        if (value != null) {
            details.put("value", value);
        }
        return new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, message, details);
    }

    /** A new builder; {@code language} defaults to Java. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.description = description;
        builder.requirements.addAll(requirements);
        builder.constraints.addAll(constraints);
        builder.language = language;
        builder.framework = framework;
        builder.tierOverride = tierOverride;
        builder.budgetUsd = budgetUsd;
        builder.metadata.putAll(metadata);
        return builder;
    }

    /** Builds {@link CapsuleRequest}s; {@link #build()} runs the checks. */
    public static final class Builder {
        private @Nullable String description;
        private final List<String> requirements = new ArrayList<>();
        private final List<String> constraints = new ArrayList<>();
        private Language language = Language.JAVA;
        private @Nullable String framework;
        private @Nullable Tier tierOverride;
        private @Nullable BigDecimal budgetUsd;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** What to build, in plain language. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Adds one requirement. */
        public Builder requirement(String requirement) {
            this.requirements.add(requirement);
            return this;
        }

        /** Replaces the requirements. */
        public Builder requirements(List<String> requirements) {
            this.requirements.clear();
            this.requirements.addAll(requirements);
            return this;
        }

        /** Adds one constraint. */
        public Builder constraint(String constraint) {
            this.constraints.add(constraint);
            return this;
        }

        /** Replaces the constraints. */
        public Builder constraints(List<String> constraints) {
            this.constraints.clear();
            this.constraints.addAll(constraints);
            return this;
        }

        /** Target language. */
        public Builder language(Language language) {
            this.language = language;
            return this;
        }

        /** Target framework, or null for the language's default. */
        public Builder framework(@Nullable String framework) {
            this.framework = framework;
            return this;
        }

        /** A tier that wins over the router, or null to let the router choose. */
        public Builder tierOverride(@Nullable Tier tierOverride) {
            this.tierOverride = tierOverride;
            return this;
        }

        /** Most this request may spend, in US dollars, or null for no limit. */
        public Builder budgetUsd(@Nullable BigDecimal budgetUsd) {
            this.budgetUsd = budgetUsd;
            return this;
        }

        /** Adds one metadata entry. */
        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        /** Builds and validates the request. */
        public CapsuleRequest build() {
            return new CapsuleRequest(description, requirements, constraints, language, framework, tierOverride,
                    budgetUsd, metadata);
        }
    }
}
