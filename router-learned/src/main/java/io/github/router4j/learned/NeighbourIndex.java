package io.github.router4j.learned;

/**
 * Approximate nearest rows among the unit-length embeddings a neighbour-based router keeps in one flat row-major
 * array (dot product = cosine similarity). Built once when the router is trained or loaded; searched concurrently.
 */
interface NeighbourIndex {

    /** The rows of (about) the {@code k} most similar vectors to unit-length {@code query}, searching {@code ef} wide. */
    int[] search(float[] query, int k, int ef);

    /** Heap bytes of the index itself (the shared embeddings are not counted). */
    long bytes();
}
