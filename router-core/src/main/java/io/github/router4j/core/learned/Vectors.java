package io.github.router4j.core.learned;

/** Small dense-vector helpers shared by the learned routers. */
final class Vectors {

    private Vectors() {
    }

    /** A unit-length copy of {@code v}; a zero vector stays zero. */
    static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    /** Dot product of {@code q} with row {@code row} of the flat row-major matrix {@code m}. */
    static float dotRow(float[] q, float[] m, int row) {
        int d = q.length;
        int off = row * d;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += q[i] * m[off + i];
            s1 += q[i + 1] * m[off + i + 1];
            s2 += q[i + 2] * m[off + i + 2];
            s3 += q[i + 3] * m[off + i + 3];
        }
        for (; i < d; i++) {
            s0 += q[i] * m[off + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    static void requireDimension(float[] embedding, int dimension, String router) {
        if (embedding.length != dimension) {
            throw new IllegalArgumentException(router + ": the request embedding has " + embedding.length
                    + " dimensions, the model was trained on " + dimension
                    + "; route with the embedding model it was trained with");
        }
    }
}
