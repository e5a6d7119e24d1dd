package io.qlp.routing;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import io.qlp.api.spi.RoutingOutcome;
import io.qlp.api.spi.TextEmbedder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The most recent requests and their outcomes, in process, searched exhaustively. A few thousand entries search in
 * well under a millisecond; for history that outlives the process use {@link MemoryOutcomeHistory}.
 */
final class RecentOutcomeHistory implements OutcomeHistory {

    private record Entry(float[] vector, Language language, List<RoutingOutcome> outcomes) {
    }

    private final TextEmbedder embedder;
    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();

    RecentOutcomeHistory(TextEmbedder embedder, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.embedder = embedder;
        this.capacity = capacity;
    }

    @Override
    public void record(CapsuleRequest request, List<RoutingOutcome> outcomes) {
        Entry entry = new Entry(embedder.embed(RequestText.of(request)), request.language(), List.copyOf(outcomes));
        synchronized (entries) {
            entries.addFirst(entry);
            if (entries.size() > capacity) {
                entries.removeLast();
            }
        }
    }

    @Override
    public List<PastOutcome> similar(CapsuleRequest request, int neighbours) {
        float[] query = embedder.embed(RequestText.of(request));
        List<Entry> snapshot;
        synchronized (entries) {
            snapshot = new ArrayList<>(entries);
        }
        record Scored(Entry entry, double similarity) {
        }
        // Keep only the best k in a min-heap: the history can be large, the answer is small.
        PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
        for (Entry entry : snapshot) {
            if (entry.language() == request.language()) {
                double similarity = dot(query, entry.vector());
                if (best.size() < neighbours) {
                    best.add(new Scored(entry, similarity));
                } else if (similarity > best.peek().similarity()) {
                    best.poll();
                    best.add(new Scored(entry, similarity));
                }
            }
        }
        List<Scored> ordered = new ArrayList<>(best);
        ordered.sort(Comparator.comparingDouble(Scored::similarity).reversed());
        List<PastOutcome> result = new ArrayList<>();
        for (Scored s : ordered) {
            s.entry().outcomes().forEach(o -> result.add(new PastOutcome(o, s.similarity())));
        }
        return result;
    }

    /** Vectors from {@link HashingTextEmbedder} are unit length, so the dot product is the cosine. */
    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
