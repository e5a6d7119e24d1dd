package io.qlp.core;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BudgetLedger#inMemory(BigDecimal)}: one running total per key, reset when the UTC day changes. */
final class InMemoryBudgetLedger implements BudgetLedger {

    private record DaySpend(LocalDate day, BigDecimal spent) {
    }

    private final BigDecimal dailyLimitUsd;
    private final Clock clock;
    private final Map<String, DaySpend> spending = new ConcurrentHashMap<>();

    InMemoryBudgetLedger(BigDecimal dailyLimitUsd, Clock clock) {
        Objects.requireNonNull(dailyLimitUsd, "dailyLimitUsd");
        if (dailyLimitUsd.signum() < 0) {
            throw new IllegalArgumentException("daily limit must not be negative: " + dailyLimitUsd);
        }
        this.dailyLimitUsd = dailyLimitUsd;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public BigDecimal spentToday(String key) {
        DaySpend spend = spending.get(key);
        return spend == null || !spend.day().equals(today()) ? BigDecimal.ZERO : spend.spent();
    }

    @Override
    public BigDecimal dailyLimitUsd(String key) {
        return dailyLimitUsd;
    }

    @Override
    public void record(String key, BigDecimal costUsd) {
        if (costUsd.signum() < 0) {
            throw new IllegalArgumentException("cost must not be negative: " + costUsd);
        }
        LocalDate today = today();
        spending.compute(key, (k, old) -> old == null || !old.day().equals(today)
                ? new DaySpend(today, costUsd) : new DaySpend(today, old.spent().add(costUsd)));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "InMemoryBudgetLedger{dailyLimitUsd=" + dailyLimitUsd.toPlainString() + ", keys=" + spending.size() + "}";
    }
}
