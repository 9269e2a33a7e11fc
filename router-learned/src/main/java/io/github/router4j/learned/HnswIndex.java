package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Approximate nearest recorded prompts through Lucene's HNSW graph (lucene-core), over the unit-length embeddings
 * kept in one flat array (dot product = cosine similarity, scored in place without copying vectors). The graph is
 * built on the stored floats. Searching walks it either on the stored floats or, with {@link ProductCodes}, on
 * compact codes that stay in the CPU caches, re-scoring only the {@code ef} best candidates on the stored floats:
 * at 100,000 prompts each row the walk scores lies at a random place of a 154 MB array and misses the caches, which
 * the 19 MB of codes mostly avoid. Lucene builds the graph; {@link BeamSearch} walks it. Built when a router is
 * trained and saved with it; searching is thread-safe.
 */
final class HnswIndex implements NeighbourIndex {

    /** Graph degree (Lucene's default). */
    static final int MAX_CONNECTIONS = 16;
    /** Candidates kept while building (Lucene's default). */
    static final int BEAM_WIDTH = 100;
    private static final long SEED = 42;

    private final FlatVectors vectors;
    private final FrozenGraph graph;
    private final ProductCodes codes;
    private final BeamSearch walk;

    private HnswIndex(FlatVectors vectors, FrozenGraph graph, ProductCodes codes) {
        this.vectors = vectors;
        this.graph = graph;
        this.codes = codes;
        this.walk = new BeamSearch(graph);
    }

    /** The graph over the stored floats, walked on them ({@code quantized} false) or on product-quantised codes. */
    static HnswIndex build(float[] embeddings, int count, int dimension, boolean quantized) {
        FlatVectors vectors = new FlatVectors(embeddings, count, dimension);
        try {
            OnHeapHnswGraph graph = HnswGraphBuilder.create(new Scorers(vectors), MAX_CONNECTIONS, BEAM_WIDTH, SEED)
                    .build(count);
            return new HnswIndex(vectors, FrozenGraph.of(graph, count),
                    quantized ? ProductCodes.encode(embeddings, count, dimension) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the HNSW index", e);
        }
    }

    /** The index saved by {@link #write} over the same embeddings; codes are expected when {@code quantized}. */
    static HnswIndex read(Json json, float[] embeddings, int count, int dimension, boolean quantized) {
        if (quantized != json.has("codes")) {
            throw json.error("codes", quantized ? "is missing for ann hnsw-pq" : "belongs to ann hnsw-pq only");
        }
        return new HnswIndex(new FlatVectors(embeddings, count, dimension), FrozenGraph.read(json.child("graph"), count),
                quantized ? ProductCodes.read(json.child("codes"), count, dimension) : null);
    }

    @Override
    public void write(ObjectNode node) {
        graph.write(node.putObject("graph"));
        if (codes != null) {
            codes.write(node.putObject("codes"));
        }
    }

    @Override
    public Neighbours search(float[] query, int k, int ef) {
        OnFloats exact = new OnFloats(vectors, query, true);
        if (codes == null) {
            return best(walk.search(new OnFloats(vectors, query, false), exact, Math.max(k, ef)), k);
        }
        float[] table = codes.table(query);
        try {
            return best(walk.search(new OnCodes(codes, table), exact, Math.max(k, ef)), k);
        } finally {
            codes.release(table);
        }
    }

    /** The {@code k} best of {@code found} ({@link BeamSearch#pack}ed, ascending, scored exactly). */
    private static Neighbours best(long[] found, int k) {
        long[] best = new long[Math.min(k, found.length)];
        for (int i = 0; i < best.length; i++) {
            long p = found[found.length - 1 - i];
            best[i] = Neighbours.pack(BeamSearch.row(p), BeamSearch.score(p));
        }
        return Neighbours.unpack(best);
    }

    /**
     * Dot products with the stored floats: {@code exact}, or as Lucene's score {@code (1 + dot) / 2}, which the walk
     * uses so that it visits exactly the rows Lucene's own searcher visits.
     */
    private record OnFloats(FlatVectors vectors, float[] query, boolean exact) implements BeamSearch.Scorer {
        @Override
        public float score(int row) {
            float dot = Vectors.dotRow(query, vectors.data, row);
            return exact ? dot : (1 + dot) / 2;
        }

        @Override
        public int touch(int row) {
            return Float.floatToRawIntBits(vectors.data[row * vectors.dimension]);
        }
    }

    /** Approximate scores on the product-quantised codes (Lucene's scale, as {@link OnFloats}). */
    private record OnCodes(ProductCodes codes, float[] table) implements BeamSearch.Scorer {
        @Override
        public float score(int row) {
            return Math.max(0, (1 + codes.score(table, row)) / 2);
        }

        @Override
        public int touch(int row) {
            return codes.touch(row);
        }
    }

    @Override
    public long bytes() {
        return graph.bytes() + (codes == null ? 0 : codes.bytes());
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
