package io.github.router4j.learned;

import java.util.Arrays;

/**
 * Lucene's HNSW search over a {@link FrozenGraph} without its per-search objects: a greedy walk down the upper
 * levels, then a beam {@code ef} wide on level 0, ties going to the lower row as in Lucene. The heaps are primitive
 * arrays of packed (score, row) values and the visited rows a bit set, all taken from a small pool shared by every
 * thread and given back after the search (not held per thread, which virtual threads would multiply). Moving to a
 * node first reads one value of each unvisited neighbour, so the CPU fetches their rows in parallel before they are
 * scored one after the other.
 */
final class BeamSearch {

    /** Scores rows against one query; {@code touch} reads one value of a row and returns something depending on it. */
    interface Scorer {
        float score(int row);

        int touch(int row);
    }

    private final FrozenGraph graph;
    private final SparePool<Scratch> spare;

    BeamSearch(FrozenGraph graph) {
        this.graph = graph;
        this.spare = new SparePool<>(() -> new Scratch(graph.size()));
    }

    /**
     * The (up to) {@code ef} best rows found for the query behind {@code scorer}, re-scored by {@code rescorer} unless
     * it is null, packed by {@link #pack}: ascending, so the best row comes last.
     */
    long[] search(Scorer scorer, Scorer rescorer, int ef) {
        Scratch s = spare.take();
        try {
            int entry = greedy(scorer, s);
            float entryScore = scorer.score(entry);
            s.clear();
            s.visit(entry);
            s.candidates.push(-pack(entry, entryScore));
            s.results.push(pack(entry, entryScore));
            float minAccepted = minCompetitive(s.results, ef);
            int[] neighbours = graph.neighbours(0);
            while (s.candidates.size > 0) {
                long top = -s.candidates.top();
                if (score(top) < minAccepted) {
                    break;
                }
                s.candidates.pop();
                int fresh = s.unvisited(neighbours, graph.start(0, row(top)), graph.end(0, row(top)), scorer);
                for (int i = 0; i < fresh; i++) {
                    int friend = s.fresh[i];
                    float score = scorer.score(friend);
                    if (score <= minAccepted) {
                        continue;
                    }
                    long packed = pack(friend, score);
                    s.candidates.push(-packed);
                    if (s.results.size < ef) {
                        s.results.push(packed);
                    } else if (packed > s.results.top()) {
                        s.results.replaceTop(packed);
                    } else {
                        continue;
                    }
                    minAccepted = minCompetitive(s.results, ef);
                }
            }
            long[] found = Arrays.copyOf(s.results.heap, s.results.size);
            if (rescorer != null) {
                s.rescore(found, rescorer);
            }
            Arrays.sort(found);
            return found;
        } finally {
            spare.give(s);
        }
    }

    /** The best node of the level above 0 reached greedily from the entry node. */
    private int greedy(Scorer scorer, Scratch s) {
        int current = graph.entryNode();
        if (graph.levels() == 1) {
            return current;
        }
        s.clear();
        float currentScore = scorer.score(current);
        for (int level = graph.levels() - 1; level >= 1; level--) {
            s.visit(current);
            int[] neighbours = graph.neighbours(level);
            boolean better = true;
            while (better) {
                better = false;
                int fresh = s.unvisited(neighbours, graph.start(level, current), graph.end(level, current), scorer);
                for (int i = 0; i < fresh; i++) {
                    float score = scorer.score(s.fresh[i]);
                    if (score > currentScore) {
                        currentScore = score;
                        current = s.fresh[i];
                        better = true;
                    }
                }
            }
        }
        return current;
    }

    private static float minCompetitive(LongHeap results, int ef) {
        return results.size >= ef ? score(results.top()) : Float.NEGATIVE_INFINITY;
    }

    /** {@code row} and its score packed so that packed values order by score, then by descending row. */
    static long pack(int row, float score) {
        int bits = Float.floatToRawIntBits(score);
        return (long) (bits ^ (bits >> 31 & 0x7fffffff)) << 32 | (~row & 0xffffffffL);
    }

    static int row(long packed) {
        return ~(int) packed;
    }

    static float score(long packed) {
        int bits = (int) (packed >> 32);
        return Float.intBitsToFloat(bits ^ (bits >> 31 & 0x7fffffff));
    }

    /** One search's state: visited rows, the two heaps and the unvisited neighbours of the current node. */
    private static final class Scratch {
        private final long[] visited;
        private final LongHeap candidates = new LongHeap();
        private final LongHeap results = new LongHeap();
        private int[] fresh = new int[32];
        /** Depends on every value touched, so the loads are not optimised away. */
        private int touched;

        Scratch(int size) {
            visited = new long[(size + 63) >>> 6];
        }

        void clear() {
            Arrays.fill(visited, 0);
            candidates.size = 0;
            results.size = 0;
        }

        void visit(int row) {
            visited[row >>> 6] |= 1L << row;
        }

        /** Replaces the score of each of {@code found}, touching all rows before scoring any. */
        void rescore(long[] found, Scorer rescorer) {
            int sum = 0;
            for (long p : found) {
                sum += rescorer.touch(row(p));
            }
            touched += sum;
            for (int i = 0; i < found.length; i++) {
                int row = row(found[i]);
                found[i] = pack(row, rescorer.score(row));
            }
        }

        /** Marks the unvisited of {@code neighbours[from..to)} visited, copies them to {@code fresh}, touches them. */
        int unvisited(int[] neighbours, int from, int to, Scorer scorer) {
            if (fresh.length < to - from) {
                fresh = new int[to - from];
            }
            int n = 0;
            int sum = 0;
            for (int i = from; i < to; i++) {
                int row = neighbours[i];
                long bit = 1L << row;
                if ((visited[row >>> 6] & bit) == 0) {
                    visited[row >>> 6] |= bit;
                    fresh[n++] = row;
                    sum += scorer.touch(row);
                }
            }
            touched += sum;
            return n;
        }
    }

    /** A growable binary min-heap of longs. */
    private static final class LongHeap {
        private long[] heap = new long[64];
        private int size;

        long top() {
            return heap[0];
        }

        void push(long value) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, 2 * size);
            }
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (heap[parent] <= value) {
                    break;
                }
                heap[at] = heap[parent];
                at = parent;
            }
            heap[at] = value;
        }

        void pop() {
            long last = heap[--size];
            if (size > 0) {
                siftDown(last);
            }
        }

        void replaceTop(long value) {
            siftDown(value);
        }

        private void siftDown(long value) {
            int at = 0;
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (heap[child] >= value) {
                    break;
                }
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = value;
        }
    }
}
