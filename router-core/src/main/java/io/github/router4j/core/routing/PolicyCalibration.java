package io.github.router4j.core.routing;

import java.util.Objects;

/**
 * Sets a {@link TierPolicy}'s parameter from data: over a sample of requests with the predicted quality and the
 * expected cost of every tier, it tries a grid of parameters ({@link #grid}) and keeps the one that best meets a
 * {@link PolicyTarget}. Also the sweep an evaluation draws its cost–quality curve from.
 */
public final class PolicyCalibration {

    private static final int REWARD_STEPS_PER_DECADE = 40;
    private static final int EPSILON_STEPS = 200;

    private PolicyCalibration() {
    }

    /**
     * A calibrated policy and what it reached on the sample.
     *
     * @param policy      the policy with the chosen parameter
     * @param meanCost    mean dollars per request of its choices
     * @param meanQuality mean quality of its choices (recorded when given, else predicted)
     * @param reached     whether the target was met
     */
    public record Result(TierPolicy policy, double meanCost, double meanQuality, boolean reached) {
    }

    /** The tier {@code policy} chooses for every request of the sample; -1 where none can be chosen. */
    public static int[] choices(TierPolicy policy, double[][] predicted, double[][] cost) {
        int[] out = new int[predicted.length];
        for (int i = 0; i < out.length; i++) {
            boolean[] eligible = new boolean[predicted[i].length];
            java.util.Arrays.fill(eligible, true);
            out[i] = policy.choose(predicted[i], cost[i], eligible);
        }
        return out;
    }

    /**
     * Parameters to sweep, ascending (from the best quality to the cheapest choice). Reward: 0 and a geometric grid
     * of λ from 0.01 to 100,000 divided by the mean spread of cost between tiers, 40 points a decade; epsilon: 0 to 1
     * in steps of 0.005.
     */
    public static double[] grid(TierPolicy policy, double[][] cost) {
        if (policy instanceof EpsilonTierPolicy) {
            double[] g = new double[EPSILON_STEPS + 1];
            for (int i = 0; i < g.length; i++) {
                g[i] = (double) i / EPSILON_STEPS;
            }
            return g;
        }
        double spread = 0;
        for (double[] row : cost) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double c : row) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            spread += max - min;
        }
        spread = cost.length == 0 || spread <= 0 ? 1 : spread / cost.length;
        int decades = 7;
        double[] g = new double[decades * REWARD_STEPS_PER_DECADE + 2];
        for (int i = 1; i < g.length; i++) {
            g[i] = Math.pow(10, -2 + (double) (i - 1) / REWARD_STEPS_PER_DECADE) / spread;
        }
        return g;
    }

    /**
     * Calibrates {@code policy} on a sample.
     *
     * @param predicted predicted quality, requests x tiers ({@code NaN} = unknown)
     * @param cost      expected dollars, requests x tiers
     * @param quality   recorded quality, requests x tiers, or {@code null} to judge quality by the predictions
     * @param target    what to reach: within a budget or cost share the highest quality, for a quality target the
     *                  cheapest setting that reaches it; when nothing meets the target, the closest setting
     */
    public static Result calibrate(TierPolicy policy, double[][] predicted, double[][] cost, double[][] quality,
                                   PolicyTarget target) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(target, "target");
        if (predicted.length == 0 || predicted.length != cost.length
                || quality != null && quality.length != predicted.length) {
            throw new IllegalArgumentException("calibration needs the same non-empty number of requests in"
                    + " predictions, costs and qualities");
        }
        double[][] judged = quality == null ? predicted : quality;
        double limit = switch (target.kind()) {
            case BUDGET -> target.value() / 1000;
            case COST_SHARE -> target.value() * strongestMeanCost(cost);
            case QUALITY -> Double.NaN;
        };
        Result best = null;
        Result fallback = null;
        for (double parameter : grid(policy, cost)) {
            TierPolicy p = policy.withParameter(parameter);
            int[] chosen = choices(p, predicted, cost);
            double c = 0;
            double q = 0;
            for (int i = 0; i < chosen.length; i++) {
                int t = chosen[i] < 0 ? 0 : chosen[i];
                c += cost[i][t];
                q += Double.isNaN(judged[i][t]) ? 0 : judged[i][t];
            }
            c /= chosen.length;
            q /= chosen.length;
            if (target.kind() == PolicyTarget.Kind.QUALITY) {
                if (q >= target.value() && (best == null || c < best.meanCost())) {
                    best = new Result(p, c, q, true);
                }
                if (fallback == null || q > fallback.meanQuality()) {
                    fallback = new Result(p, c, q, false);
                }
            } else {
                if (c <= limit * (1 + 1e-12) && (best == null || q > best.meanQuality()
                        || q == best.meanQuality() && c < best.meanCost())) {
                    best = new Result(p, c, q, true);
                }
                if (fallback == null || c < fallback.meanCost()) {
                    fallback = new Result(p, c, q, false);
                }
            }
        }
        return best != null ? best : fallback;
    }

    /** The highest mean cost of any single tier over the sample. */
    static double strongestMeanCost(double[][] cost) {
        double[] sum = new double[cost[0].length];
        for (double[] row : cost) {
            for (int t = 0; t < sum.length; t++) {
                sum[t] += row[t];
            }
        }
        double max = 0;
        for (double s : sum) {
            max = Math.max(max, s / cost.length);
        }
        return max;
    }
}
