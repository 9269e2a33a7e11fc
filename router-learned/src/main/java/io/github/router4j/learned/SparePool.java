package io.github.router4j.learned;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A few spare objects (about one per core) that searches take and give back, so concurrent searches rarely allocate
 * their scratch space and it stays in the CPU caches. Shared by all threads, never held per thread (virtual threads).
 */
final class SparePool<T> {

    private static final int SPARE = Math.max(2, Math.min(16, Runtime.getRuntime().availableProcessors()));

    private final AtomicReferenceArray<T> spare = new AtomicReferenceArray<>(SPARE);
    private final Supplier<T> create;

    SparePool(Supplier<T> create) {
        this.create = create;
    }

    /** A spare object, or a new one when none is free; it is the caller's until {@link #give}. */
    T take() {
        for (int i = 0; i < SPARE; i++) {
            T t = spare.getAndSet(i, null);
            if (t != null) {
                return t;
            }
        }
        return create.get();
    }

    /** Hands {@code t} back for reuse (dropped when the pool is full); the caller must not use it afterwards. */
    void give(T t) {
        for (int i = 0; i < SPARE; i++) {
            if (spare.compareAndSet(i, null, t)) {
                return;
            }
        }
    }
}
