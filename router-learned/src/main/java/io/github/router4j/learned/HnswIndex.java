package io.github.router4j.learned;

import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Approximate nearest recorded prompts through Lucene's HNSW graph (lucene-core), over the unit-length embeddings
 * kept in one flat array (dot product = cosine similarity, scored in place without copying vectors). Built once when a router is trained or loaded; searching
 * is thread-safe (each search reads the vectors through its own view).
 */
final class HnswIndex {

    /** Graph degree (Lucene's default). */
    static final int MAX_CONNECTIONS = 16;
    /** Candidates kept while building (Lucene's default). */
    static final int BEAM_WIDTH = 100;
    private static final long SEED = 42;

    private final FlatVectors vectors;
    private final OnHeapHnswGraph graph;

    private HnswIndex(FlatVectors vectors, OnHeapHnswGraph graph) {
        this.vectors = vectors;
        this.graph = graph;
    }

    static HnswIndex build(float[] embeddings, int count, int dimension) {
        FlatVectors vectors = new FlatVectors(embeddings, count, dimension);
        try {
            return new HnswIndex(vectors, HnswGraphBuilder.create(new Scorers(vectors), MAX_CONNECTIONS, BEAM_WIDTH,
                    SEED).build(count));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the HNSW index", e);
        }
    }

    /** The rows of (about) the {@code k} nearest vectors to unit-length {@code query}, searching {@code ef} wide. */
    int[] search(float[] query, int k, int ef) {
        try {
            RandomVectorScorer scorer = vectors.scorer(query);
            KnnCollector found = HnswGraphSearcher.search(scorer, Math.max(k, ef), graph, null, Integer.MAX_VALUE);
            ScoreDoc[] docs = found.topDocs().scoreDocs;
            int n = Math.min(k, docs.length);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = docs[i].doc;
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("HNSW search failed", e);
        }
    }

    /** Heap bytes of the graph (the vectors are shared with the router and not counted). */
    long graphBytes() {
        return graph.ramBytesUsed();
    }

    /**
     * Scores against each vector, for building: Lucene's dot-product score {@code (1 + dot) / 2}, computed on the
     * flat array in place.
     */
    private record Scorers(FlatVectors vectors) implements RandomVectorScorerSupplier {

        @Override
        public RandomVectorScorer scorer(int ord) {
            float[] row = new float[vectors.dimension];
            System.arraycopy(vectors.data, ord * vectors.dimension, row, 0, row.length);
            return vectors.scorer(row);
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return this;
        }
    }

    /** Lucene's view of the flat array; each copy has its own scratch vector. */
    private static final class FlatVectors implements RandomAccessVectorValues.Floats {
        private final float[] data;
        private final int count;
        private final int dimension;
        private final float[] scratch;

        FlatVectors(float[] data, int count, int dimension) {
            this.data = data;
            this.count = count;
            this.dimension = dimension;
            this.scratch = new float[dimension];
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public float[] vectorValue(int ord) {
            System.arraycopy(data, ord * dimension, scratch, 0, dimension);
            return scratch;
        }

        @Override
        public FlatVectors copy() {
            return new FlatVectors(data, count, dimension);
        }

        /** Scores against unit-length {@code query} without copying the stored vectors. */
        RandomVectorScorer scorer(float[] query) {
            return new RandomVectorScorer.AbstractRandomVectorScorer(this) {
                @Override
                public float score(int node) {
                    return (1 + Vectors.dotRow(query, data, node)) / 2;
                }
            };
        }
    }
}
