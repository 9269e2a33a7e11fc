package io.github.router4j.learned;

import java.util.Arrays;
import java.util.Random;

/**
 * Approximate nearest-neighbour index over unit-length rows: spherical k-means inverted lists. Built
 * deterministically (fixed seed, a fixed number of Lloyd iterations) from the rows alone, so a router loaded from
 * JSON rebuilds exactly the index it was trained with. A query scans only the rows of the {@code probes} lists
 * whose centres are most similar to it. The rows are kept a second time, grouped by list, so that each list is one
 * contiguous block for the dot products.
 */
final class InvertedIndex {

    private static final long SEED = 42;
    private static final int ITERATIONS = 5;

    private final int lists;
    private final float[] centres;
    private final int[] start;
    private final int[] members;
    private final float[] grouped;

    private InvertedIndex(int lists, float[] centres, int[] start, int[] members, float[] grouped) {
        this.lists = lists;
        this.centres = centres;
        this.start = start;
        this.members = members;
        this.grouped = grouped;
    }

    /** Receives a row (index into the original rows) and its similarity to the query. */
    interface Sink {
        void offer(float similarity, int row);
    }

    /** About {@code sqrt(count)} lists when {@code lists} is 0. */
    static int listsFor(int lists, int count) {
        int wanted = lists > 0 ? lists : (int) Math.round(Math.sqrt(count));
        return Math.max(1, Math.min(wanted, count));
    }

    static InvertedIndex build(float[] rows, int count, int dimension, int lists) {
        int k = listsFor(lists, count);
        float[] centres = new float[k * dimension];
        int[] picks = new Random(SEED).ints(0, count).distinct().limit(k).toArray();
        for (int c = 0; c < k; c++) {
            System.arraycopy(rows, picks[c] * dimension, centres, c * dimension, dimension);
        }
        int[] assignment = new int[count];
        float[] row = new float[dimension];
        for (int iteration = 0; iteration <= ITERATIONS; iteration++) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(rows, i * dimension, row, 0, dimension);
                assignment[i] = nearestCentre(row, centres, k);
            }
            if (iteration == ITERATIONS) {
                break;
            }
            double[] sums = new double[k * dimension];
            for (int i = 0; i < count; i++) {
                int off = assignment[i] * dimension;
                for (int j = 0; j < dimension; j++) {
                    sums[off + j] += rows[i * dimension + j];
                }
            }
            for (int c = 0; c < k; c++) {
                double norm = 0;
                for (int j = 0; j < dimension; j++) {
                    norm += sums[c * dimension + j] * sums[c * dimension + j];
                }
                if (norm > 0) {
                    double inv = 1 / Math.sqrt(norm);
                    for (int j = 0; j < dimension; j++) {
                        centres[c * dimension + j] = (float) (sums[c * dimension + j] * inv);
                    }
                }
            }
        }
        int[] start = new int[k + 1];
        for (int a : assignment) {
            start[a + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, k);
        int[] members = new int[count];
        for (int i = 0; i < count; i++) {
            members[fill[assignment[i]]++] = i;
        }
        float[] grouped = new float[count * dimension];
        for (int at = 0; at < count; at++) {
            System.arraycopy(rows, members[at] * dimension, grouped, at * dimension, dimension);
        }
        return new InvertedIndex(k, centres, start, members, grouped);
    }

    private static int nearestCentre(float[] row, float[] centres, int k) {
        int best = 0;
        float bestSim = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float s = Vectors.dotRow(row, centres, c);
            if (s > bestSim) {
                bestSim = s;
                best = c;
            }
        }
        return best;
    }

    int lists() {
        return lists;
    }

    /** The {@code probes} lists whose centres are most similar to the unit-length {@code query}. */
    int[] nearestLists(float[] query, int probes) {
        int p = Math.min(probes, lists);
        float[] sims = new float[lists];
        Vectors.dotRows(query, centres, 0, lists, sims);
        boolean[] chosen = new boolean[lists];
        int[] out = new int[p];
        for (int n = 0; n < p; n++) {
            int best = -1;
            for (int c = 0; c < lists; c++) {
                if (!chosen[c] && (best < 0 || sims[c] > sims[best])) {
                    best = c;
                }
            }
            chosen[best] = true;
            out[n] = best;
        }
        return out;
    }

    /** How many rows the given lists hold. */
    int size(int[] chosen) {
        int total = 0;
        for (int c : chosen) {
            total += start[c + 1] - start[c];
        }
        return total;
    }

    /** Offers every row of the given lists with its similarity to {@code query} (exactly {@link Vectors#dotRow}). */
    void scan(float[] query, int[] chosen, Sink sink) {
        float[] block = new float[64];
        for (int c : chosen) {
            for (int first = start[c]; first < start[c + 1]; first += block.length) {
                int rows = Math.min(block.length, start[c + 1] - first);
                Vectors.dotRows(query, grouped, first, rows, block);
                for (int r = 0; r < rows; r++) {
                    sink.offer(block[r], members[first + r]);
                }
            }
        }
    }
}
