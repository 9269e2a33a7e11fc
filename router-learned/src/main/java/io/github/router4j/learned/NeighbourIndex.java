package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * Approximate nearest rows among the unit-length embeddings a neighbour-based router keeps in one flat row-major
 * array (dot product = cosine similarity). Built when the router is trained, saved with it; searched concurrently.
 */
interface NeighbourIndex {

    /**
     * (About) the {@code k} most similar vectors to unit-length {@code query}, searching {@code ef} wide, with their
     * exact similarities ({@link Vectors#dotRow}), so that the caller need not score them again.
     */
    Neighbours search(float[] query, int k, int ef);

    /** Heap bytes of the index itself (the shared embeddings are not counted). */
    long bytes();

    /** Saves the index into {@code node}, so that loading the router does not rebuild it. */
    void write(ObjectNode node);

    /** Rows in ascending order, {@code similarities[i]} = {@link Vectors#dotRow} of the query with {@code rows[i]}. */
    record Neighbours(int[] rows, float[] similarities) {

        /** Packs {@code row} and its similarity so that packed values sort by row. */
        static long pack(int row, float similarity) {
            return (long) row << 32 | (Float.floatToRawIntBits(similarity) & 0xffffffffL);
        }

        /** The rows and similarities of {@link #pack}ed values, sorting {@code packed} in place. */
        static Neighbours unpack(long[] packed) {
            Arrays.sort(packed);
            int[] rows = new int[packed.length];
            float[] similarities = new float[packed.length];
            for (int i = 0; i < packed.length; i++) {
                rows[i] = (int) (packed[i] >>> 32);
                similarities[i] = Float.intBitsToFloat((int) packed[i]);
            }
            return new Neighbours(rows, similarities);
        }
    }
}
