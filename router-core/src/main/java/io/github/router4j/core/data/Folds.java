package io.github.router4j.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A k-fold split of {@code n} items with a fixed seed: every item is in exactly one test fold, so
 * a router trained on the other k−1 folds routes each request exactly once without having seen it.
 */
public final class Folds {

    private final int[] foldOf;
    private final int k;

    private Folds(int[] foldOf, int k) {
        this.foldOf = foldOf;
        this.k = k;
    }

    /**
     * Shuffles {@code 0..n-1} with {@code new Random(seed)} and deals the items round-robin into
     * {@code k} folds, so fold sizes differ by at most one.
     */
    public static Folds split(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("folds must be in [2, " + n + "], was " + k);
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] foldOf = new int[n];
        for (int pos = 0; pos < n; pos++) {
            foldOf[order.get(pos)] = pos % k;
        }
        return new Folds(foldOf, k);
    }

    public int k() {
        return k;
    }

    /** Indices of the held-out items of {@code fold}, ascending. */
    public int[] test(int fold) {
        return indices(fold, true);
    }

    /** Indices of the training items for {@code fold} (every other fold), ascending. */
    public int[] train(int fold) {
        return indices(fold, false);
    }

    private int[] indices(int fold, boolean inFold) {
        if (fold < 0 || fold >= k) {
            throw new IllegalArgumentException("fold must be in [0, " + (k - 1) + "], was " + fold);
        }
        return Arrays.stream(range()).filter(i -> (foldOf[i] == fold) == inFold).toArray();
    }

    private int[] range() {
        int[] r = new int[foldOf.length];
        Arrays.setAll(r, i -> i);
        return r;
    }
}
