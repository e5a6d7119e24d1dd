package io.qlp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.core.testing.ScriptedChatModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The generator's default per-request budget and per-key daily budgets. */
class BudgetLedgerTest {

    static final ModelPricing DEAR = RoutingInGenerationTest.DEAR;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void should_sum_costs_per_key_and_start_afresh_the_next_utc_day() {
        MovableClock clock = new MovableClock();
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("1.00"), clock);

        ledger.record("team-a", new BigDecimal("0.25"));
        ledger.record("team-a", new BigDecimal("0.50"));
        ledger.record("team-b", new BigDecimal("0.10"));

        assertThat(ledger.spentToday("team-a")).isEqualByComparingTo("0.75");
        assertThat(ledger.spentToday("team-b")).isEqualByComparingTo("0.10");
        assertThat(ledger.spentToday("nobody")).isEqualByComparingTo("0");
        assertThat(ledger.dailyLimitUsd("team-a")).isEqualByComparingTo("1.00");
        clock.now.set(clock.now.get().plus(Duration.ofHours(14)));
        assertThat(ledger.spentToday("team-a")).isEqualByComparingTo("0");
    }

    @Test
    void should_reject_a_negative_limit_or_cost_naming_the_value() {
        assertThatThrownBy(() -> BudgetLedger.inMemory(new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> BudgetLedger.inMemory(BigDecimal.ONE).record("k", new BigDecimal("-0.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.5");
    }

    @Test
    void should_refuse_the_first_call_when_the_keys_daily_budget_is_spent_and_report_what_was_spent() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("0.01"));
        ledger.record("team-a", new BigDecimal("0.0099"));
        ScriptedChatModel model = ScriptedChatModel.answering(RoutingInGenerationTest.RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, new TierModel(model, "small", DEAR))
                .budgetLedger(ledger).build();
        CapsuleRequest request = RoutingInGenerationTest.request().toBuilder()
                .metadata(BudgetLedger.KEY_METADATA, "team-a").build();

        assertThatThrownBy(() -> generator.generate(request)).isInstanceOfSatisfying(QlpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
            assertThat(e.details()).containsEntry("budgetKey", "team-a").containsEntry("spentTodayUsd", "0.0099")
                    .containsEntry("dailyBudgetUsd", "0.01").containsEntry("calls", 0);
        });
        assertThat(model.calls()).isZero();
    }

    @Test
    void should_record_each_calls_cost_under_the_key_the_function_names() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("5"));
        ScriptedChatModel model = ScriptedChatModel.answering(RoutingInGenerationTest.RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, new TierModel(model, "small", DEAR))
                .budgetLedger(ledger, request -> "key-" + request.language().name()).build();

        Capsule capsule = generator.generate(RoutingInGenerationTest.request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        // 100 * 0.01 / 1000 + 50 * 0.02 / 1000
        assertThat(ledger.spentToday("key-JAVA")).isEqualByComparingTo("0.002");
    }

    @Test
    void should_use_the_generators_budget_when_it_is_smaller_than_the_requests() {
        ScriptedChatModel model = ScriptedChatModel.answering(RoutingInGenerationTest.RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, new TierModel(model, "small", DEAR))
                .maxBudgetUsdPerRequest(new BigDecimal("0.0000001")).build();

        assertThatThrownBy(() -> generator.generate(RoutingInGenerationTest.request().toBuilder()
                .budgetUsd(new BigDecimal("100")).build()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(e.details()).containsEntry("budgetUsd", "0.0000001").containsEntry("calls", 0);
                });
        assertThat(model.calls()).isZero();
    }

    @Test
    void should_use_the_requests_budget_when_it_is_smaller_than_the_generators() {
        ScriptedChatModel model = ScriptedChatModel.answering(RoutingInGenerationTest.RIGHT);
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, new TierModel(model, "small", DEAR))
                .maxBudgetUsdPerRequest(new BigDecimal("100")).build();

        assertThatThrownBy(() -> generator.generate(RoutingInGenerationTest.request().toBuilder()
                .budgetUsd(new BigDecimal("0.0000002")).build()))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.details()).containsEntry("budgetUsd", "0.0000002"));
        assertThat(model.calls()).isZero();
    }

    @Test
    void should_reject_a_negative_default_budget_and_a_second_ledger() {
        CapsuleGenerator.Builder builder = CapsuleGenerator.builder();
        assertThatThrownBy(() -> builder.maxBudgetUsdPerRequest(new BigDecimal("-2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
        builder.budgetLedger(BudgetLedger.inMemory(BigDecimal.ONE));
        assertThatThrownBy(() -> builder.budgetLedger(BudgetLedger.inMemory(BigDecimal.TEN)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("budgetLedger");
    }
}
