package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.quantization.PQVectors;
import io.github.jbellis.jvector.quantization.ProductQuantization;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.ByteSequence;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Product-quantised codes of the unit-length embeddings: each row becomes one byte per subspace of
 * {@link #DIMENSIONS_PER_SUBSPACE} dimensions (256 centroids per subspace), so 100,000 rows of 384 dimensions take
 * 19.2 MB instead of 153.6 MB and stay in the CPU caches. The codebooks are trained and the rows encoded by jvector's
 * {@link ProductQuantization}; a query is scored against a row by one table look-up per subspace (asymmetric
 * distance: the query stays exact), done here on plain arrays because jvector's own scorer runs without SIMD on
 * Java 17 and measured no faster than the dot product on the stored floats.
 */
final class ProductCodes {

    /** Dimensions per subspace. */
    static final int DIMENSIONS_PER_SUBSPACE = 2;
    /** Rows the codebooks are trained on (evenly spaced through the set). */
    static final int TRAINING_ROWS = 20_000;
    private static final int CLUSTERS = 256;
    private static final VectorTypeSupport VECTORS = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final int subspaces;
    private final int[] starts;
    private final float[][] codebooks;
    private final byte[] codes;
    /**
     * Free query tables (192 KB each at 384 dimensions): a search takes one and gives it back, so the tables stay
     * in the CPU caches and searches do not allocate them; shared by all threads, not held per thread.
     */
    private final SparePool<float[]> spare;

    private ProductCodes(int[] starts, float[][] codebooks, byte[] codes) {
        this.subspaces = codebooks.length;
        this.starts = starts;
        this.codebooks = codebooks;
        this.codes = codes;
        this.spare = new SparePool<>(() -> new float[subspaces * CLUSTERS]);
    }

    static ProductCodes encode(float[] data, int count, int dimension) {
        int subspaces = Math.max(1, dimension / DIMENSIONS_PER_SUBSPACE);
        int step = Math.max(1, count / TRAINING_ROWS);
        ProductQuantization pq = ProductQuantization.compute(new Rows(data, (count + step - 1) / step, dimension, step),
                subspaces, CLUSTERS, false);
        PQVectors encoded = (PQVectors) pq.encodeAll(new Rows(data, count, dimension, 1), ForkJoinPool.commonPool());
        byte[] codes = new byte[count * subspaces];
        for (int row = 0; row < count; row++) {
            ByteSequence<?> code = encoded.get(row);
            for (int s = 0; s < subspaces; s++) {
                codes[row * subspaces + s] = code.get(s);
            }
        }
        int[] starts = new int[subspaces + 1];
        float[][] codebooks = new float[subspaces][];
        for (int s = 0; s < subspaces; s++) {
            starts[s + 1] = starts[s] + pq.getSubvectorSize(s);
            VectorFloat<?> book = pq.getCodebookVector(s);
            codebooks[s] = new float[book.length()];
            for (int i = 0; i < codebooks[s].length; i++) {
                codebooks[s][i] = book.get(i);
            }
        }
        return new ProductCodes(starts, codebooks, codes);
    }

    /**
     * The dot product of {@code query} with every centroid of every subspace: {@code [subspace * 256 + centroid]}.
     * The table is this caller's until it hands it back with {@link #release}.
     */
    float[] table(float[] query) {
        float[] table = spare.take();
        for (int s = 0; s < subspaces; s++) {
            int start = starts[s];
            int size = starts[s + 1] - start;
            float[] book = codebooks[s];
            int at = s * CLUSTERS;
            if (size == 2) {
                float q0 = query[start];
                float q1 = query[start + 1];
                for (int c = 0; c < CLUSTERS; c++) {
                    table[at + c] = q0 * book[2 * c] + q1 * book[2 * c + 1];
                }
                continue;
            }
            for (int c = 0; c < CLUSTERS; c++) {
                float dot = 0;
                for (int i = 0; i < size; i++) {
                    dot += query[start + i] * book[c * size + i];
                }
                table[s * CLUSTERS + c] = dot;
            }
        }
        return table;
    }

    /** Gives back a table from {@link #table} for another search to reuse; the caller must not use it afterwards. */
    void release(float[] table) {
        spare.give(table);
    }

    /** The approximate dot product of the query behind {@code table} with {@code row}. */
    float score(float[] table, int row) {
        int off = row * subspaces;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int s = 0;
        for (; s + 3 < subspaces; s += 4) {
            s0 += table[(s << 8) | (codes[off + s] & 0xff)];
            s1 += table[((s + 1) << 8) | (codes[off + s + 1] & 0xff)];
            s2 += table[((s + 2) << 8) | (codes[off + s + 2] & 0xff)];
            s3 += table[((s + 3) << 8) | (codes[off + s + 3] & 0xff)];
        }
        for (; s < subspaces; s++) {
            s0 += table[(s << 8) | (codes[off + s] & 0xff)];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Reads the first byte of the codes of {@code row}, so that the CPU starts fetching them (see {@link BeamSearch}). */
    int touch(int row) {
        return codes[row * subspaces];
    }

    void write(ObjectNode node) {
        int[] sizes = new int[subspaces];
        int total = 0;
        for (int s = 0; s < subspaces; s++) {
            sizes[s] = starts[s + 1] - starts[s];
            total += codebooks[s].length;
        }
        float[] books = new float[total];
        for (int s = 0, at = 0; s < subspaces; at += codebooks[s].length, s++) {
            System.arraycopy(codebooks[s], 0, books, at, codebooks[s].length);
        }
        node.put("subspaces", Json.base64(sizes));
        node.put("codebooks", Json.base64(books));
        node.put("codes", Json.base64(codes));
    }

    /** The codes saved by {@link #write} for {@code count} rows of {@code dimension}. */
    static ProductCodes read(Json json, int count, int dimension) {
        int[] sizes = json.base64Ints("subspaces");
        int[] starts = new int[sizes.length + 1];
        for (int s = 0; s < sizes.length; s++) {
            if (sizes[s] < 1) {
                throw json.error("subspaces", "must hold positive subspace sizes");
            }
            starts[s + 1] = starts[s] + sizes[s];
        }
        if (sizes.length == 0 || starts[sizes.length] != dimension) {
            throw json.error("subspaces", "must add up to the dimension " + dimension);
        }
        float[] books = json.base64Floats("codebooks", CLUSTERS * dimension);
        float[][] codebooks = new float[sizes.length][];
        for (int s = 0; s < sizes.length; s++) {
            codebooks[s] = Arrays.copyOfRange(books, CLUSTERS * starts[s], CLUSTERS * starts[s + 1]);
        }
        byte[] codes = json.base64Bytes("codes");
        if (codes.length != (long) count * sizes.length) {
            throw json.error("codes", "must hold " + count + " x " + sizes.length + " bytes, holds " + codes.length);
        }
        return new ProductCodes(starts, codebooks, codes);
    }

    /** Heap bytes of the codes and codebooks. */
    long bytes() {
        long books = 0;
        for (float[] b : codebooks) {
            books += 4L * b.length;
        }
        return codes.length + books;
    }

    /** jvector's view of every {@code step}-th row of the flat array, each copied out on request. */
    private record Rows(float[] data, int size, int dimension, int step) implements RandomAccessVectorValues {

        @Override
        public VectorFloat<?> getVector(int i) {
            int from = i * step * dimension;
            return VECTORS.createFloatVector(Arrays.copyOfRange(data, from, from + dimension));
        }

        @Override
        public boolean isValueShared() {
            return false;
        }

        @Override
        public RandomAccessVectorValues copy() {
            return this;
        }
    }
}
