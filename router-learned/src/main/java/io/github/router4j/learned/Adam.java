package io.github.router4j.learned;

/** Adam optimiser state for one parameter array, with L2 weight decay added to the gradient. */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final double[] m;
    private final double[] v;

    Adam(int n) {
        m = new double[n];
        v = new double[n];
    }

    /** One update of {@code param} with {@code grad}; {@code t} counts steps from 1. */
    void step(double[] param, double[] grad, double learningRate, double decay, int t) {
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < param.length; i++) {
            double g = grad[i] + decay * param[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            param[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
        }
    }

    /** Shuffles {@code order} in place (Fisher–Yates). */
    static void shuffle(int[] order, java.util.Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
