package io.github.router4j.core.routing;

/** {@link TierPolicy#reward(double)}. */
record RewardTierPolicy(double lambda) implements TierPolicy {

    static final String NAME = "reward";

    RewardTierPolicy {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("reward policy: lambda must be a finite number >= 0, was " + lambda);
        }
    }

    @Override
    public int choose(double[] quality, double[] cost, boolean[] eligible) {
        int best = -1;
        double bestReward = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < quality.length; i++) {
            if (!eligible[i] || Double.isNaN(quality[i])) {
                continue;
            }
            double r = quality[i] - lambda * cost[i];
            if (best < 0 || r > bestReward || r == bestReward && cost[i] < cost[best]) {
                best = i;
                bestReward = r;
            }
        }
        return best;
    }

    @Override
    public double parameter() {
        return lambda;
    }

    @Override
    public TierPolicy withParameter(double parameter) {
        return new RewardTierPolicy(parameter);
    }

    @Override
    public String name() {
        return NAME;
    }
}
