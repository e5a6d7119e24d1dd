package io.qlp.core.config;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Spending limits, under {@code qlp.budget}. A call that would pass a limit is not made; generation fails with
 * {@code BUDGET_EXCEEDED}, reporting what was spent.
 *
 * <p>Example (YAML): {@code budget: {max-usd-per-request: 0.50, daily-usd-per-key: 20}}
 *
 * @param maxUsdPerRequest default budget of each request; a request's own budget wins when smaller
 * @param dailyUsdPerKey daily limit per budget key (request metadata {@code budget-key}), kept in memory
 */
public record BudgetSettings(@Nullable BigDecimal maxUsdPerRequest, @Nullable BigDecimal dailyUsdPerKey) {

    /** No limits. */
    public static BudgetSettings defaults() {
        return new BudgetSettings(null, null);
    }
}
