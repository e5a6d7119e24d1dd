package io.qlp.server.progress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * The generations this server started, by capsule id, each with its {@link RunLog}. A log stays for
 * {@code retention} after its last write; at most {@code maxRuns} logs are kept.
 *
 * <p>Example: {@code registry.find(id).filter(log -> log.tenant().equals(tenant))}
 */
public final class GenerationRegistry {

    private final Cache<String, RunLog> runs;
    private final int eventLogSize;

    /** A registry keeping {@code eventLogSize} events per run. */
    public GenerationRegistry(int eventLogSize, Duration retention, long maxRuns) {
        if (eventLogSize < 1) {
            throw new IllegalArgumentException("eventLogSize must be positive: " + eventLogSize);
        }
        this.eventLogSize = eventLogSize;
        this.runs = Caffeine.newBuilder().expireAfterWrite(retention).maximumSize(maxRuns).build();
    }

    /** Opens the log of a new run. */
    RunLog open(String capsuleId, String tenant) {
        RunLog log = new RunLog(capsuleId, tenant, eventLogSize);
        runs.put(capsuleId, log);
        return log;
    }

    /**
     * The kept log of the run, or a new one for it when none is kept; {@code created} says which, so that of two
     * requests racing to follow the same run only one starts following it.
     */
    Opened openIfAbsent(String capsuleId, String tenant) {
        RunLog fresh = new RunLog(capsuleId, tenant, eventLogSize);
        RunLog kept = runs.asMap().computeIfAbsent(capsuleId, id -> fresh);
        return new Opened(kept, kept == fresh);
    }

    /** A log from {@link #openIfAbsent}, and whether it was made by that call. */
    record Opened(RunLog log, boolean created) {
    }

    /** The run's log, if it is still kept. */
    public Optional<RunLog> find(String capsuleId) {
        return Optional.ofNullable(runs.getIfPresent(capsuleId));
    }

    /** Number of runs whose logs are kept. */
    public long size() {
        return runs.estimatedSize();
    }
}
