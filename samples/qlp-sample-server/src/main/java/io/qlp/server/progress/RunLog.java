package io.qlp.server.progress;

import io.qlp.api.CapsuleStatus;
import io.qlp.api.ProgressEvent;
import io.qlp.api.QlpException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The events of one generation, kept in a bounded log (the oldest go first when it is full) so that a subscriber
 * that comes late gets the history and then the live events, with no gap and no duplicate: appending and
 * subscribing hold the same lock. Thread-safe.
 *
 * <p>Example: {@code log.subscribe(0, subscriber);} replays everything kept, then follows.
 */
public final class RunLog {

    private record Numbered(long sequence, ProgressEvent event) {
    }

    private final String capsuleId;
    private final String tenant;
    private final int capacity;
    private final Deque<Numbered> events = new ArrayDeque<>();
    private final List<RunSubscriber> subscribers = new ArrayList<>();
    private long lastSequence;
    private RunState state = RunState.RUNNING;
    private @Nullable CapsuleStatus capsuleStatus;
    private @Nullable QlpException error;

    RunLog(String capsuleId, String tenant, int capacity) {
        this.capsuleId = capsuleId;
        this.tenant = tenant;
        this.capacity = capacity;
    }

    /** The capsule being generated. */
    public String capsuleId() {
        return capsuleId;
    }

    /** The tenant that asked for it. */
    public String tenant() {
        return tenant;
    }

    /** Where the run stands. */
    public synchronized RunState state() {
        return state;
    }

    /** The capsule's status once {@link RunState#FINISHED}. */
    public synchronized @Nullable CapsuleStatus capsuleStatus() {
        return capsuleStatus;
    }

    /** The error once {@link RunState#FAILED}. */
    public synchronized @Nullable QlpException error() {
        return error;
    }

    /** Number of events so far, including any no longer kept. */
    public synchronized long eventCount() {
        return lastSequence;
    }

    synchronized void append(ProgressEvent event) {
        Numbered numbered = new Numbered(++lastSequence, event);
        events.addLast(numbered);
        if (events.size() > capacity) {
            events.removeFirst();
        }
        subscribers.removeIf(subscriber -> !deliver(subscriber, numbered));
    }

    synchronized void finish(CapsuleStatus status) {
        if (state != RunState.RUNNING) {
            return;
        }
        state = RunState.FINISHED;
        capsuleStatus = status;
        endAll();
    }

    synchronized void fail(QlpException failure) {
        if (state != RunState.RUNNING) {
            return;
        }
        state = RunState.FAILED;
        error = failure;
        endAll();
    }

    /**
     * Sends the kept events after {@code afterSequence} (0 for all), then live ones; when the run has ended, sends
     * the end right away.
     */
    public synchronized void subscribe(long afterSequence, RunSubscriber subscriber) {
        for (Numbered numbered : events) {
            if (numbered.sequence() > afterSequence && !deliver(subscriber, numbered)) {
                return;
            }
        }
        if (state == RunState.RUNNING) {
            subscribers.add(subscriber);
        } else {
            subscriber.onEnd(this);
        }
    }

    /** Stops sending to {@code subscriber}. */
    public synchronized void unsubscribe(RunSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    private void endAll() {
        List<RunSubscriber> ending = List.copyOf(subscribers);
        subscribers.clear();
        ending.forEach(subscriber -> subscriber.onEnd(this));
    }

    private static boolean deliver(RunSubscriber subscriber, Numbered numbered) {
        try {
            return subscriber.onEvent(numbered.sequence(), numbered.event());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
