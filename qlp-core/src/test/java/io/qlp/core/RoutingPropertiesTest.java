package io.qlp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.api.Usage;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.TierRouterFactory;
import io.qlp.core.testing.ScriptedChatModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of costs, routers and overrides, checked with QuickTheories over generated inputs. */
class RoutingPropertiesTest {

    private static final List<String> WORDS = List.of("a", "stack", "of", "ints", "with", "tests", "concurrent",
            "thread-safe", "cache", "REST", "API", "persist", "PostgreSQL", "encrypt", "password", "graph",
            "shortest", "path", "dynamic", "programming", "parser", "lexer", "and", "microservice", "queue",
            "distributed", "lock", "OAuth", "JWT", "scheduler", "retry", "sort", "reverse", "string", "hello");

    /** Prices with up to six decimals, below 100 USD per 1k tokens. */
    private static Gen<BigDecimal> prices() {
        return longs().between(0, 100_000_000L).map(micros -> BigDecimal.valueOf(micros, 6));
    }

    private static Gen<Set<Tier>> tierSubsets() {
        return integers().between(1, 15).map(bits -> {
            Set<Tier> tiers = EnumSet.noneOf(Tier.class);
            for (Tier tier : Tier.values()) {
                if ((bits & (1 << tier.ordinal())) != 0) {
                    tiers.add(tier);
                }
            }
            return tiers;
        });
    }

    private static Gen<Tier> tiers() {
        return Generate.enumValues(Tier.class);
    }

    private static Gen<CapsuleRequest> requests() {
        return lists().of(Generate.pick(WORDS)).ofSizeBetween(1, 60)
                .map(words -> CapsuleRequest.builder().description(String.join(" ", words)).build());
    }

    @Test
    void should_cost_the_sum_of_its_parts_when_token_counts_are_split() {
        qt().forAll(prices(), prices(), longs().between(0, 5_000_000), longs().between(0, 5_000_000))
                .checkAssert((inputPrice, outputPrice, input, output) -> {
                    ModelPricing pricing = new ModelPricing(inputPrice, outputPrice);
                    long inputPart = input / 3;
                    long outputPart = output / 2;

                    BigDecimal whole = pricing.cost(input, output);
                    BigDecimal parts = pricing.cost(inputPart, outputPart)
                            .add(pricing.cost(input - inputPart, output - outputPart));

                    assertThat(whole).isEqualByComparingTo(parts);
                    assertThat(whole.signum()).isGreaterThanOrEqualTo(0);
                    assertThat(pricing.cost(0, 0)).isEqualByComparingTo(BigDecimal.ZERO);
                    assertThat(pricing.cost(input + 1000, output)).isGreaterThanOrEqualTo(whole);
                });
    }

    @Test
    void should_keep_one_entry_per_tier_whose_sums_match_the_calls_when_usage_is_added_up() {
        Gen<TierUsage> usages = tiers().zip(integers().between(0, 5), longs().between(0, 100_000),
                longs().between(0, 100_000), prices(),
                (tier, calls, input, output, cost) -> new TierUsage(tier, calls, input, output, cost));
        qt().forAll(lists().of(usages).ofSizeBetween(0, 30)).checkAssert(calls -> {
            Usage total = Usage.none();
            for (TierUsage call : calls) {
                total = total.plus(call);
            }

            assertThat(total.inputTokens()).isEqualTo(calls.stream().mapToLong(TierUsage::inputTokens).sum());
            assertThat(total.outputTokens()).isEqualTo(calls.stream().mapToLong(TierUsage::outputTokens).sum());
            assertThat(total.totalCalls()).isEqualTo(calls.stream().mapToInt(TierUsage::calls).sum());
            assertThat(total.costUsd()).isEqualByComparingTo(
                    calls.stream().map(TierUsage::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(total.perTier()).extracting(TierUsage::tier)
                    .doesNotHaveDuplicates().isSorted()
                    .containsExactlyInAnyOrderElementsOf(calls.stream().map(TierUsage::tier).distinct().toList());
        });
    }

    @Test
    void should_only_pick_configured_tiers_whatever_the_router_and_the_request() {
        for (String name : List.of("complexity", "learned", "cascade")) {
            qt().withExamples(300).forAll(requests(), tierSubsets(), integers().between(1, 6), tiers())
                    .checkAssert((request, available, failures, outcomeTier) -> {
                        TierRouter router = ServiceProviders.load(TierRouterFactory.class, name)
                                .create(ProviderConfig.empty());
                        // Past outcomes on any tier, configured or not, must not lead a learning router astray.
                        router.recordOutcome(request, List.of(new RoutingOutcome(outcomeTier, true, 1,
                                BigDecimal.ONE)));

                        RoutingDecision first = router.route(request, available);
                        assertThat(available).as(name + " route").contains(first.tier());
                        RoutingDecision next = router.afterFailure(request, first.tier(), failures, available);
                        assertThat(available).as(name + " after " + failures + " failures").contains(next.tier());
                    });
        }
    }

    @Test
    void should_call_the_overridden_tier_or_its_nearest_configured_one_whatever_the_router_says() {
        TierRouter hostile = (request, available) -> new RoutingDecision(
                available.stream().max(Tier::compareTo).orElseThrow(), "always the strongest");
        qt().withExamples(60).forAll(tierSubsets(), tiers(), requests()).checkAssert((available, override, request) -> {
            Map<Tier, ScriptedChatModel> models = new EnumMap<>(Tier.class);
            CapsuleGenerator.Builder builder = CapsuleGenerator.builder().router(hostile).maxAttempts(1);
            for (Tier tier : available) {
                // An answer without files ends the run after the one call, before any validation.
                ScriptedChatModel model = ScriptedChatModel.answering("I cannot write files today.");
                models.put(tier, model);
                builder.tier(tier, model);
            }
            CapsuleGenerator generator = builder.build();

            assertThatThrownBy(() -> generator.generate(request.toBuilder().tierOverride(override).build()))
                    .isInstanceOfSatisfying(QlpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_FILES_IN_ANSWER));
            Tier expected = override.nearestOf(available);
            List<Tier> called = new ArrayList<>();
            models.forEach((tier, model) -> {
                if (model.calls() > 0) {
                    called.add(tier);
                }
            });
            assertThat(called).containsExactly(expected);
        });
    }
}
