package io.qlp.routing;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Tier;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.TextEmbedder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Routing history kept in any {@link MemoryStore}, in the collection {@value #COLLECTION}, so it survives
 * restarts and is shared by every instance that shares the store.
 *
 * <p>Example: {@code OutcomeHistory history = MemoryOutcomeHistory.of(store, HashingTextEmbedder.create());}
 */
public final class MemoryOutcomeHistory implements OutcomeHistory {

    /** Collection holding one record per finished request. */
    public static final String COLLECTION = "routing_outcomes";
    private static final String OUTCOMES = "outcomes";

    private final MemoryStore store;
    private final TextEmbedder embedder;

    private MemoryOutcomeHistory(MemoryStore store, TextEmbedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    /** A history in {@code store}, comparing requests with {@code embedder}. */
    public static MemoryOutcomeHistory of(MemoryStore store, TextEmbedder embedder) {
        return new MemoryOutcomeHistory(store, embedder);
    }

    @Override
    public void record(CapsuleRequest request, List<RoutingOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        String text = RequestText.of(request);
        store.upsert(List.of(new MemoryRecord(UUID.randomUUID().toString(), COLLECTION, text, embedder.embed(text),
                Map.of("language", request.language().id(), "embedder", embedder.modelId(),
                        OUTCOMES, encode(outcomes)))));
    }

    @Override
    public List<PastOutcome> similar(CapsuleRequest request, int neighbours) {
        List<MemoryHit> hits = store.search(new MemoryQuery(COLLECTION, embedder.embed(RequestText.of(request)),
                neighbours, Map.of("language", request.language().id(), "embedder", embedder.modelId()), -1));
        List<PastOutcome> result = new ArrayList<>();
        for (MemoryHit hit : hits) {
            for (RoutingOutcome outcome : decode(hit.record().metadata().getOrDefault(OUTCOMES, ""))) {
                result.add(new PastOutcome(outcome, hit.score()));
            }
        }
        return result;
    }

    /** {@code T0:0:2:0.0004,T1:1:1:0.003}: tier, validated, attempts, cost. */
    static String encode(List<RoutingOutcome> outcomes) {
        StringJoiner joined = new StringJoiner(",");
        for (RoutingOutcome o : outcomes) {
            joined.add(o.tier().name() + ":" + (o.validated() ? 1 : 0) + ":" + o.attempts() + ":"
                    + o.costUsd().toPlainString());
        }
        return joined.toString();
    }

    static List<RoutingOutcome> decode(String encoded) {
        List<RoutingOutcome> outcomes = new ArrayList<>();
        if (encoded.isBlank()) {
            return outcomes;
        }
        for (String part : encoded.split(",")) {
            String[] fields = part.split(":");
            if (fields.length != 4) {
                throw new IllegalArgumentException("malformed routing outcome '" + part + "' in " + COLLECTION);
            }
            outcomes.add(new RoutingOutcome(Tier.parse(fields[0]), fields[1].equals("1"),
                    Integer.parseInt(fields[2]), new BigDecimal(fields[3])));
        }
        return outcomes;
    }
}
