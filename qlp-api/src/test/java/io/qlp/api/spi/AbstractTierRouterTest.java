package io.qlp.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import io.qlp.api.Tier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TierRouter} must meet. Implementations extend this class and return a fresh router
 * from {@link #createRouter()}; override {@link #sampleRequests()} to add requests that matter to the router.
 *
 * <p>Example:
 * <pre>{@code
 * class ComplexityRouterTest extends AbstractTierRouterTest {
 *     protected TierRouter createRouter() { return ComplexityRouter.create(); }
 * }
 * }</pre>
 */
public abstract class AbstractTierRouterTest {

    private static final int MOST_FAILED_ATTEMPTS_TRIED = 4;

    /** The router under test, created before each test. */
    protected TierRouter router;

    /** A new router with its default configuration. */
    protected abstract TierRouter createRouter();

    @BeforeEach
    void createRouterUnderTest() {
        router = createRouter();
    }

    /** Requests from trivial to hard, in every language. */
    protected List<CapsuleRequest> sampleRequests() {
        List<CapsuleRequest> requests = new ArrayList<>();
        for (Language language : Language.values()) {
            requests.add(CapsuleRequest.builder()
                    .description("A function that adds two numbers")
                    .language(language)
                    .build());
            requests.add(CapsuleRequest.builder()
                    .description("A class that parses ISO-8601 durations and formats them back")
                    .requirement("reject negative values")
                    .language(language)
                    .build());
            requests.add(CapsuleRequest.builder()
                    .description("A concurrent order service of three microservices with REST endpoints, storing "
                            + "orders in a PostgreSQL database with transactions, authenticated with JWT tokens, "
                            + "with a thread-safe cache and a graph-based shortest path planner")
                    .requirements(List.of("idempotent order creation", "retries with backoff",
                            "optimistic locking on updates", "audit log of every change",
                            "rate limiting per client", "encrypt card numbers at rest"))
                    .constraints(List.of("no global mutable state", "p99 latency under 50 ms"))
                    .language(language)
                    .build());
        }
        return requests;
    }

    /** Every non-empty subset of the tiers. */
    protected static List<Set<Tier>> tierSubsets() {
        Tier[] tiers = Tier.values();
        List<Set<Tier>> subsets = new ArrayList<>();
        for (int mask = 1; mask < 1 << tiers.length; mask++) {
            Set<Tier> subset = EnumSet.noneOf(Tier.class);
            for (int bit = 0; bit < tiers.length; bit++) {
                if ((mask & 1 << bit) != 0) {
                    subset.add(tiers[bit]);
                }
            }
            subsets.add(Set.copyOf(subset));
        }
        return subsets;
    }

    @Test
    void should_choose_an_available_tier_when_any_subset_of_tiers_is_available() {
        for (Set<Tier> available : tierSubsets()) {
            for (CapsuleRequest request : sampleRequests()) {
                RoutingDecision decision = router.route(request, available);

                assertThat(decision.tier())
                        .as("tier for '%s' with %s available", request.description(), available)
                        .isIn(available);
            }
        }
    }

    @Test
    void should_give_a_reason_when_routing() {
        for (CapsuleRequest request : sampleRequests()) {
            RoutingDecision decision = router.route(request, EnumSet.allOf(Tier.class));

            assertThat(decision.reason()).as("reason for '%s'", request.description()).isNotBlank();
        }
    }

    @Test
    void should_choose_an_available_tier_not_weaker_than_current_when_attempts_failed() {
        for (Set<Tier> available : tierSubsets()) {
            for (Tier current : available) {
                for (int failures = 1; failures <= MOST_FAILED_ATTEMPTS_TRIED; failures++) {
                    for (CapsuleRequest request : sampleRequests()) {
                        RoutingDecision decision = router.afterFailure(request, current, failures, available);

                        assertThat(decision.tier())
                                .as("after %d failures on %s with %s available", failures, current, available)
                                .isIn(available)
                                .isGreaterThanOrEqualTo(current);
                        assertThat(decision.reason()).isNotBlank();
                    }
                }
            }
        }
    }

    @Test
    void should_never_move_down_when_failures_keep_coming() {
        Set<Tier> available = EnumSet.allOf(Tier.class);
        for (CapsuleRequest request : sampleRequests()) {
            Tier current = router.route(request, available).tier();
            int failuresOnCurrent = 0;
            for (int attempt = 0; attempt < Tier.values().length * MOST_FAILED_ATTEMPTS_TRIED; attempt++) {
                failuresOnCurrent++;
                Tier next = router.afterFailure(request, current, failuresOnCurrent, available).tier();

                assertThat(next).as("after %d failures on %s", failuresOnCurrent, current)
                        .isIn(available)
                        .isGreaterThanOrEqualTo(current);
                failuresOnCurrent = next == current ? failuresOnCurrent : 0;
                current = next;
            }
        }
    }
}
