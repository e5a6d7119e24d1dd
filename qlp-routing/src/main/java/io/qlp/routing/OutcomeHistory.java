package io.qlp.routing;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.spi.RoutingOutcome;
import java.util.List;

/**
 * What happened to earlier requests, searchable by similarity; the memory of {@link LearnedRouter}.
 * Implementations are thread-safe.
 *
 * <p>Example: {@code history.record(request, List.of(new RoutingOutcome(Tier.T0, true, 1, cost)));}
 */
public interface OutcomeHistory {

    /** Remembers the outcomes of one finished request. */
    void record(CapsuleRequest request, List<RoutingOutcome> outcomes);

    /** Outcomes of the requests most similar to {@code request} in the same language, most similar first. */
    List<PastOutcome> similar(CapsuleRequest request, int neighbours);

    /** A bounded in-process history that keeps the most recent {@code capacity} requests. */
    static OutcomeHistory recent(int capacity) {
        return new RecentOutcomeHistory(HashingTextEmbedder.create(), capacity);
    }
}
