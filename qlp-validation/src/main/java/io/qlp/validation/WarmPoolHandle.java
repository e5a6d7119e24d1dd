package io.qlp.validation;

import io.qlp.api.RetriableQlpException;
import io.qlp.validation.internal.script.WarmProcessPool;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A validator's access to a {@link WarmProcessPool} of pre-started interpreter processes, started on first use:
 * either a pool of its own, which the validator stops, or a pool shared by every validator with an equal key, stopped
 * when the JVM exits. When a process cannot be started the handle says so once in the log and answers "none" for a
 * minute, so the validator takes its one-shot path instead of waiting for each failed start.
 *
 * <p>Example: {@code WarmPoolHandle.shared(spec, () -> new WarmProcessPool<>("python-zygote", 2, starter)).borrow()}
 *
 * @param <W> the process type
 */
final class WarmPoolHandle<W extends AutoCloseable> implements AutoCloseable {

    private static final Map<Object, WarmProcessPool<?>> SHARED = new ConcurrentHashMap<>();
    private static final long RETRY_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final System.Logger LOG = System.getLogger(WarmPoolHandle.class.getName());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SHARED.values().forEach(WarmProcessPool::close),
                "qlp-warm-pools-shutdown"));
    }

    private final Object key;
    private final Supplier<WarmProcessPool<W>> factory;
    private final boolean owned;
    private @Nullable WarmProcessPool<W> own;
    private boolean closed;
    private volatile long unusableUntil;

    private WarmPoolHandle(Object key, Supplier<WarmProcessPool<W>> factory, boolean owned) {
        this.key = key;
        this.factory = factory;
        this.owned = owned;
    }

    /** A pool only this handle uses; {@link #close()} stops it. */
    static <W extends AutoCloseable> WarmPoolHandle<W> own(Object key, Supplier<WarmProcessPool<W>> factory) {
        return new WarmPoolHandle<>(key, factory, true);
    }

    /** The pool shared by all handles with an equal {@code key}. */
    static <W extends AutoCloseable> WarmPoolHandle<W> shared(Object key, Supplier<WarmProcessPool<W>> factory) {
        return new WarmPoolHandle<>(key, factory, false);
    }

    /**
     * A ready process, or empty when none can be started (logged once a minute at most); the caller then validates
     * without the pool.
     */
    Optional<W> borrow() {
        if (System.nanoTime() - unusableUntil < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(pool().borrow());
        } catch (RetriableQlpException e) {
            unusableUntil = System.nanoTime() + RETRY_AFTER_NANOS;
            LOG.log(System.Logger.Level.WARNING, "warm pool " + key + " unavailable, validating with one-shot"
                    + " sandboxed processes for the next minute: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Hands a borrowed process back: kept for the next capsule when {@code keep}, otherwise replaced. */
    void giveBack(W process, boolean keep) {
        pool().giveBack(process, keep);
    }

    @SuppressWarnings("unchecked")
    private synchronized WarmProcessPool<W> pool() {
        if (closed) {
            throw new IllegalStateException("this validator was closed");
        }
        if (!owned) {
            return (WarmProcessPool<W>) SHARED.computeIfAbsent(key, k -> factory.get());
        }
        if (own == null) {
            own = factory.get();
        }
        return own;
    }

    /** Stops an own pool and refuses further use; a shared pool keeps running for the others. */
    @Override
    public synchronized void close() {
        closed = true;
        if (own != null) {
            own.close();
        }
    }
}
