package io.qlp.server.progress;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * How many running workflows one server instance follows at once. Each followed run holds a thread for as long as
 * it runs, so a burst of {@code 202}s while workers fall behind would otherwise pile up threads without bound; a
 * slot is taken <em>before</em> the workflow starts, so a refused request started nothing and may simply be retried.
 *
 * <p>Example:
 * <pre>{@code
 * FollowerSlots slots = new FollowerSlots(512);
 * slots.take();                 // or ORCHESTRATION_UNAVAILABLE (503, Retry-After) when all are in use
 * try { follow(run); } finally { slots.release(); }
 * }</pre>
 */
final class FollowerSlots {

    private final int limit;
    private final Semaphore free;

    /**
     * Slots for {@code limit} runs.
     *
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    FollowerSlots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the number of followed runs must be positive: " + limit);
        }
        this.limit = limit;
        this.free = new Semaphore(limit);
    }

    /**
     * Takes a slot.
     *
     * @throws RetriableQlpException with {@link ErrorCode#ORCHESTRATION_UNAVAILABLE} when every slot is in use
     */
    void take() {
        if (!free.tryAcquire()) {
            throw new RetriableQlpException(ErrorCode.ORCHESTRATION_UNAVAILABLE, "this server already follows "
                    + limit + " running workflows; try again when some have finished", ErrorContext.empty(),
                    Map.of("followedRuns", limit), null);
        }
    }

    /** Gives a slot back once its run has ended or could not start. */
    void release() {
        free.release();
    }

    /** Slots in use now. */
    int inUse() {
        return limit - free.availablePermits();
    }
}
