package io.qlp.routing.bench;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.routing.ComplexityRouter;
import io.qlp.routing.LabelledSet;
import io.qlp.routing.LearnedRouter;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Time of one routing decision, complexity vs learned (with 5,000 past requests in its history). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingLatencyBench {

    private final Set<Tier> all = EnumSet.allOf(Tier.class);
    private List<CapsuleRequest> requests;
    private ComplexityRouter complexity;
    private LearnedRouter learned;
    private int next;

    @Setup
    public void setUp() {
        requests = LabelledSet.load().stream().map(LabelledSet.Labelled::request).toList();
        complexity = ComplexityRouter.create();
        learned = LearnedRouter.builder().seed(1).build();
        for (int i = 0; i < 5_000; i++) {
            learned.recordOutcome(requests.get(i % requests.size()),
                    List.of(new RoutingOutcome(Tier.values()[i % 4], i % 3 != 0, 1, BigDecimal.ONE)));
        }
    }

    private CapsuleRequest nextRequest() {
        next = (next + 1) % requests.size();
        return requests.get(next);
    }

    @Benchmark
    public RoutingDecision complexity() {
        return complexity.route(nextRequest(), all);
    }

    @Benchmark
    public RoutingDecision learned() {
        return learned.route(nextRequest(), all);
    }
}
