package io.qlp.core;

import java.math.BigDecimal;
import java.time.Clock;

/**
 * What each budget key (such as an API key's id) spent today, and what it may spend per day. The generator asks
 * {@link #spentToday(String)} before every model call and refuses the call with {@code BUDGET_EXCEEDED} when the
 * estimate would pass {@link #dailyLimitUsd(String)}; after the call it {@link #record(String, BigDecimal) records}
 * the real cost. Implementations must be thread-safe. Checks and records are separate steps, so concurrent requests
 * of one key may overshoot the limit by at most the calls in flight.
 *
 * <p>Example:
 * <pre>{@code
 * BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("5.00"));
 * CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, model).budgetLedger(ledger).build();
 * generator.generate(request.toBuilder().metadata(BudgetLedger.KEY_METADATA, "team-a").build());
 * }</pre>
 */
public interface BudgetLedger {

    /** Request metadata key whose value is the budget key, unless the generator is given its own key function. */
    String KEY_METADATA = "budget-key";
    /** Budget key of requests that carry none. */
    String DEFAULT_KEY = "default";

    /** US dollars {@code key} spent on the current day. */
    BigDecimal spentToday(String key);

    /** Most {@code key} may spend per day, in US dollars. */
    BigDecimal dailyLimitUsd(String key);

    /** Adds {@code costUsd} to what {@code key} spent today. */
    void record(String key, BigDecimal costUsd);

    /**
     * A ledger in this process's memory, with one limit for every key; days are UTC days.
     *
     * @throws IllegalArgumentException when the limit is negative
     */
    static BudgetLedger inMemory(BigDecimal dailyLimitUsd) {
        return new InMemoryBudgetLedger(dailyLimitUsd, Clock.systemUTC());
    }

    /** Like {@link #inMemory(BigDecimal)}, with days taken from {@code clock} in UTC. */
    static BudgetLedger inMemory(BigDecimal dailyLimitUsd, Clock clock) {
        return new InMemoryBudgetLedger(dailyLimitUsd, clock);
    }
}
