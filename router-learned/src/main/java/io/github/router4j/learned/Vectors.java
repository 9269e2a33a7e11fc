package io.github.router4j.learned;

/** Small dense-vector helpers shared by the learned routers. */
final class Vectors {

    private Vectors() {
    }

    /** A unit-length copy of {@code v}; a zero vector stays zero. */
    static float[] normalized(float[] v) {
        float[] out = new float[v.length];
        float scale = unitScale(v);
        if (scale == ZERO_VECTOR) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    /** What {@link #unitScale} returns for a zero vector, whose unit copy is all {@code +0}. */
    static final float ZERO_VECTOR = -1;

    /**
     * The factor {@link #normalized} multiplies every element by ({@code normalized(v)[i] == v[i] * unitScale(v)}),
     * so a caller can use the unit vector without the copy; {@link #ZERO_VECTOR} for a zero vector.
     */
    static float unitScale(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        return norm == 0 ? ZERO_VECTOR : (float) (1 / Math.sqrt(norm));
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

    /**
     * {@code out[r] = dotRow(q, m, first + r)} for {@code r < rows}: four rows at a time for instruction-level
     * parallelism, each row summed in exactly the order of {@link #dotRow}, so the results are identical.
     */
    static void dotRows(float[] q, float[] m, int first, int rows, float[] out) {
        int d = q.length;
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int o0 = (first + r) * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            float b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            float c0 = 0, c1 = 0, c2 = 0, c3 = 0;
            float e0 = 0, e1 = 0, e2 = 0, e3 = 0;
            int i = 0;
            for (; i + 3 < d; i += 4) {
                float q0 = q[i], q1 = q[i + 1], q2 = q[i + 2], q3 = q[i + 3];
                a0 += q0 * m[o0 + i];
                a1 += q1 * m[o0 + i + 1];
                a2 += q2 * m[o0 + i + 2];
                a3 += q3 * m[o0 + i + 3];
                b0 += q0 * m[o1 + i];
                b1 += q1 * m[o1 + i + 1];
                b2 += q2 * m[o1 + i + 2];
                b3 += q3 * m[o1 + i + 3];
                c0 += q0 * m[o2 + i];
                c1 += q1 * m[o2 + i + 1];
                c2 += q2 * m[o2 + i + 2];
                c3 += q3 * m[o2 + i + 3];
                e0 += q0 * m[o3 + i];
                e1 += q1 * m[o3 + i + 1];
                e2 += q2 * m[o3 + i + 2];
                e3 += q3 * m[o3 + i + 3];
            }
            for (; i < d; i++) {
                a0 += q[i] * m[o0 + i];
                b0 += q[i] * m[o1 + i];
                c0 += q[i] * m[o2 + i];
                e0 += q[i] * m[o3 + i];
            }
            out[r] = (a0 + a1) + (a2 + a3);
            out[r + 1] = (b0 + b1) + (b2 + b3);
            out[r + 2] = (c0 + c1) + (c2 + c3);
            out[r + 3] = (e0 + e1) + (e2 + e3);
        }
        for (; r < rows; r++) {
            out[r] = dotRow(q, m, first + r);
        }
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
