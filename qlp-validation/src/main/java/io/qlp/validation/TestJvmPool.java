package io.qlp.validation;

import io.qlp.validation.internal.WarmJvmPool;
import io.qlp.validation.internal.WorkerSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JavaValidator}'s access to warm test JVMs, started on first use: either a pool of its own, which the
 * validator stops, or a pool shared by every validator with the same {@link WorkerSpec}, stopped when the JVM exits.
 *
 * <p>Example: {@code TestJvmPool.shared(spec, 2).get().run(List.of(jar), project, classes, timeout)}
 */
final class TestJvmPool implements AutoCloseable {

    private static final Map<WorkerSpec, WarmJvmPool> SHARED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SHARED.values().forEach(WarmJvmPool::close),
                "qlp-warm-jvm-shutdown"));
    }

    private final WorkerSpec spec;
    private final int size;
    private final boolean owned;
    private @Nullable WarmJvmPool own;
    private boolean closed;

    private TestJvmPool(WorkerSpec spec, int size, boolean owned) {
        this.spec = spec;
        this.size = size;
        this.owned = owned;
    }

    /** A pool only this handle uses; {@link #close()} stops it. */
    static TestJvmPool own(WorkerSpec spec, int size) {
        return new TestJvmPool(spec, size, true);
    }

    /** The pool shared by all handles with an equal {@code spec}. */
    static TestJvmPool shared(WorkerSpec spec, int size) {
        return new TestJvmPool(spec, size, false);
    }

    /** The pool, started now if it was not. */
    synchronized WarmJvmPool get() {
        if (closed) {
            throw new IllegalStateException("this JavaValidator was closed");
        }
        if (!owned) {
            return SHARED.computeIfAbsent(spec, key -> new WarmJvmPool(key, size));
        }
        if (own == null) {
            own = new WarmJvmPool(spec, size);
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
