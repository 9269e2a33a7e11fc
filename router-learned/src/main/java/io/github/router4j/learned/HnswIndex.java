package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Approximate nearest recorded prompts through Lucene's HNSW graph (lucene-core), over the unit-length embeddings
 * kept in one flat array (dot product = cosine similarity, scored in place without copying vectors). The graph is
 * built on the stored floats. Searching walks it either on the stored floats or, with {@link ProductCodes}, on
 * compact codes that stay in the CPU caches, re-scoring only the {@code ef} best candidates on the stored floats:
 * at 100,000 prompts each row the walk scores lies at a random place of a 154 MB array and misses the caches, which
 * the 19 MB of codes mostly avoid. Built when a router is trained and saved with it; searching is thread-safe
 * (each search walks the graph with its own cursor).
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

    private HnswIndex(FlatVectors vectors, FrozenGraph graph, ProductCodes codes) {
        this.vectors = vectors;
        this.graph = graph;
        this.codes = codes;
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
        float[] table = codes == null ? null : codes.table(query);
        try {
            RandomVectorScorer scorer = codes == null ? vectors.scorer(query) : vectors.scorer(codes, table);
            KnnCollector found = new TopKnnCollector(Math.max(k, ef), Integer.MAX_VALUE);
            Prefetching walk = new Prefetching(graph, vectors, codes);
            HnswGraphSearcher.search(scorer, found, walk, null);
            ScoreDoc[] docs = found.topDocs().scoreDocs;
            return codes == null ? scored(docs, k, query) : rescored(docs, k, query, walk);
        } catch (IOException e) {
            throw new UncheckedIOException("HNSW search failed", e);
        } finally {
            if (table != null) {
                codes.release(table);
            }
        }
    }

    /** The first {@code k} of {@code docs} with their similarity to {@code query} on the stored floats. */
    private Neighbours scored(ScoreDoc[] docs, int k, float[] query) {
        long[] packed = new long[Math.min(k, docs.length)];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = Neighbours.pack(docs[i].doc, Vectors.dotRow(query, vectors.data, docs[i].doc));
        }
        return Neighbours.unpack(packed);
    }

    /** The {@code k} of {@code docs} most similar to {@code query} on the stored floats. */
    private Neighbours rescored(ScoreDoc[] docs, int k, float[] query, Prefetching walk) {
        long[] packed = new long[docs.length];
        int[] rows = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            rows[i] = docs[i].doc;
        }
        walk.touched += vectors.touch(rows, 0, rows.length);
        for (int i = 0; i < docs.length; i++) {
            packed[i] = mostSimilarFirst(Vectors.dotRow(query, vectors.data, docs[i].doc), docs[i].doc);
        }
        Arrays.sort(packed);
        long[] best = new long[Math.min(k, docs.length)];
        for (int i = 0; i < best.length; i++) {
            best[i] = Neighbours.pack((int) packed[i], similarity(packed[i]));
        }
        return Neighbours.unpack(best);
    }

    /** Packs {@code row} and its similarity so that packed values sort by descending similarity, then by row. */
    private static long mostSimilarFirst(float similarity, int row) {
        int bits = Float.floatToRawIntBits(similarity);
        return (long) ~(bits ^ (bits >> 31 & 0x7fffffff)) << 32 | row;
    }

    /** The similarity of a value packed by {@link #mostSimilarFirst}. */
    private static float similarity(long packed) {
        int bits = ~(int) (packed >>> 32);
        return Float.intBitsToFloat(bits ^ (bits >> 31 & 0x7fffffff));
    }

    /**
     * One search's cursor over the shared graph (Lucene's own cursor is not thread-safe). Moving to a node first
     * reads one value of the stored row (or of the codes) of each of its neighbours: independent loads, so the CPU
     * fetches those rows from memory in parallel instead of one cache miss after the other while scoring them.
     */
    private static final class Prefetching extends HnswGraph {
        private final FrozenGraph graph;
        private final FlatVectors vectors;
        private final ProductCodes codes;
        private int[] current = new int[0];
        private int at;
        private int end;
        /** Depends on every value touched, so the loads are not optimised away. */
        int touched;

        Prefetching(FrozenGraph graph, FlatVectors vectors, ProductCodes codes) {
            this.graph = graph;
            this.vectors = vectors;
            this.codes = codes;
        }

        @Override
        public void seek(int level, int target) {
            current = graph.neighbours(level);
            at = graph.start(level, target);
            end = graph.end(level, target);
            touched += codes == null ? vectors.touch(current, at, end) : codes.touch(current, at, end);
        }

        @Override
        public int nextNeighbor() {
            return at < end ? current[at++] : DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int size() {
            return graph.size();
        }

        @Override
        public int numLevels() {
            return graph.levels();
        }

        @Override
        public int entryNode() {
            return graph.entryNode();
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            return graph.nodesOnLevel(level);
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

        /** Reads the first value of each of {@code rows[from..to)} (see {@link Prefetching}). */
        int touch(int[] rows, int from, int to) {
            int sum = 0;
            for (int i = from; i < to; i++) {
                sum += Float.floatToRawIntBits(data[rows[i] * dimension]);
            }
            return sum;
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

        /** Scores on the product-quantised codes (approximate) with the query's {@link ProductCodes#table}. */
        RandomVectorScorer scorer(ProductCodes codes, float[] table) {
            return new RandomVectorScorer.AbstractRandomVectorScorer(this) {
                @Override
                public float score(int node) {
                    return Math.max(0, (1 + codes.score(table, node)) / 2);
                }
            };
        }
    }
}
