package io.qlp.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Tier;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The complexity router against the labelled set of 64 requests. */
class LabelledRoutingTest {

    final List<LabelledSet.Labelled> labelled = LabelledSet.load();
    final ComplexityRouter router = ComplexityRouter.create();

    Tier route(LabelledSet.Labelled item) {
        return router.route(item.request(), EnumSet.allOf(Tier.class)).tier();
    }

    @Test
    void should_hold_at_least_60_requests_of_every_difficulty() {
        assertThat(labelled).hasSizeGreaterThanOrEqualTo(60);
        assertThat(labelled.stream().mapToInt(LabelledSet.Labelled::difficulty).distinct().count()).isEqualTo(4);
    }

    @Test
    void should_route_every_trivial_request_to_T0() {
        assertThat(labelled.stream().filter(l -> l.difficulty() == 0).map(this::route)).containsOnly(Tier.T0);
    }

    @Test
    void should_route_every_hard_request_to_T2_or_higher() {
        assertThat(labelled.stream().filter(l -> l.difficulty() == 3).map(this::route))
                .allSatisfy(tier -> assertThat(tier).isGreaterThanOrEqualTo(Tier.T2));
    }

    @Test
    void should_never_route_a_harder_request_lower_on_average() {
        double[] mean = new double[4];
        int[] count = new int[4];
        for (LabelledSet.Labelled item : labelled) {
            mean[item.difficulty()] += route(item).ordinal();
            count[item.difficulty()]++;
        }
        for (int d = 0; d < 4; d++) {
            mean[d] /= count[d];
        }
        assertThat(mean[0]).isLessThan(mean[1]);
        assertThat(mean[1]).isLessThan(mean[2]);
        assertThat(mean[2]).isLessThan(mean[3]);
    }

    @Test
    void should_route_at_least_90_percent_within_one_tier_of_the_label() {
        long close = labelled.stream().filter(l -> Math.abs(route(l).ordinal() - l.difficulty()) <= 1).count();
        assertThat((double) close / labelled.size()).isGreaterThanOrEqualTo(0.9);
    }
}
