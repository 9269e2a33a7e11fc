package io.github.router4j.learned;

import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Approximate nearest recorded prompts through Lucene's HNSW graph (lucene-core), over the unit-length embeddings
 * kept in one flat array (dot product = cosine similarity). Built once when a router is trained or loaded; searching
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
            var scorers = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                    VectorSimilarityFunction.DOT_PRODUCT, vectors);
            return new HnswIndex(vectors, HnswGraphBuilder.create(scorers, MAX_CONNECTIONS, BEAM_WIDTH, SEED)
                    .build(count));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the HNSW index", e);
        }
    }

    /** The rows of (about) the {@code k} nearest vectors to unit-length {@code query}, searching {@code ef} wide. */
    int[] search(float[] query, int k, int ef) {
        try {
            RandomVectorScorer scorer = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                    VectorSimilarityFunction.DOT_PRODUCT, vectors.copy(), query);
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
    }
}
