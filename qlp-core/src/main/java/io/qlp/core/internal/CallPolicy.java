package io.qlp.core.internal;

import io.qlp.api.CapsuleRequest;
import io.qlp.core.BudgetLedger;
import io.qlp.core.GenerationStrategy;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a run may spend and how it asks models: the strategy, the generator's default per-request budget, and the
 * per-key daily ledger with the function that names a request's key.
 *
 * <p>Example: {@code new CallPolicy(GenerationStrategy.ensemble(), new BigDecimal("0.5"), null, CallPolicy::metadataKey)}
 *
 * @param strategy who is asked what in one attempt
 * @param defaultBudgetUsd budget of requests without their own, or when theirs is larger; null for none
 * @param ledger daily budgets per key; null for none
 * @param budgetKey the ledger key of a request
 */
public record CallPolicy(GenerationStrategy strategy, @Nullable BigDecimal defaultBudgetUsd,
                         @Nullable BudgetLedger ledger, Function<CapsuleRequest, String> budgetKey) {

    /** Rejects nulls and a negative budget. */
    public CallPolicy {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(budgetKey, "budgetKey");
        if (defaultBudgetUsd != null && defaultBudgetUsd.signum() < 0) {
            throw new IllegalArgumentException("default budget must not be negative: " + defaultBudgetUsd);
        }
    }

    /** One model per attempt, no default budget, no ledger. */
    public static CallPolicy defaults() {
        return new CallPolicy(GenerationStrategy.singleModel(), null, null, CallPolicy::metadataKey);
    }

    /** The request's {@link BudgetLedger#KEY_METADATA} metadata, or {@link BudgetLedger#DEFAULT_KEY}. */
    public static String metadataKey(CapsuleRequest request) {
        String key = request.metadata().get(BudgetLedger.KEY_METADATA);
        return key == null || key.isBlank() ? BudgetLedger.DEFAULT_KEY : key;
    }

    /** The smaller of the request's budget and the default, or null when neither is set. */
    public @Nullable BigDecimal budgetOf(CapsuleRequest request) {
        BigDecimal own = request.budgetUsd();
        if (own == null) {
            return defaultBudgetUsd;
        }
        return defaultBudgetUsd == null || own.compareTo(defaultBudgetUsd) <= 0 ? own : defaultBudgetUsd;
    }
}
