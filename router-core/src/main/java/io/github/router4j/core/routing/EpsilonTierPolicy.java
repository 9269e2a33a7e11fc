package io.github.router4j.core.routing;

/** {@link TierPolicy#withinEpsilon(double)}. */
record EpsilonTierPolicy(double epsilon) implements TierPolicy {

    static final String NAME = "epsilon";

    EpsilonTierPolicy {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon policy: epsilon must be a finite number >= 0, was " + epsilon);
        }
    }

    @Override
    public int choose(double[] quality, double[] cost, boolean[] eligible) {
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < quality.length; i++) {
            if (eligible[i] && !Double.isNaN(quality[i])) {
                top = Math.max(top, quality[i]);
            }
        }
        int best = -1;
        for (int i = 0; i < quality.length; i++) {
            if (eligible[i] && !Double.isNaN(quality[i]) && quality[i] >= top - epsilon
                    && (best < 0 || cost[i] < cost[best])) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public double parameter() {
        return epsilon;
    }

    @Override
    public TierPolicy withParameter(double parameter) {
        return new EpsilonTierPolicy(parameter);
    }

    @Override
    public String name() {
        return NAME;
    }
}
