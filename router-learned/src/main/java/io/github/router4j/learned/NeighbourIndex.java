package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Approximate nearest rows among the unit-length embeddings a neighbour-based router keeps in one flat row-major
 * array (dot product = cosine similarity). Built when the router is trained, saved with it; searched concurrently.
 */
interface NeighbourIndex {

    /** The rows of (about) the {@code k} most similar vectors to unit-length {@code query}, searching {@code ef} wide. */
    int[] search(float[] query, int k, int ef);

    /** Heap bytes of the index itself (the shared embeddings are not counted). */
    long bytes();

    /** Saves the index into {@code node}, so that loading the router does not rebuild it. */
    void write(ObjectNode node);
}
