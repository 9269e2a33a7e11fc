package io.github.router4j.core.eval;

import io.github.router4j.core.routing.PolicyCalibration;
import io.github.router4j.core.routing.TierPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The cost–quality curve of an N-tier router on recorded results: its {@link TierPolicy} parameter swept over
 * {@link PolicyCalibration#grid}, each setting routing every request to one model, scored by the recorded quality
 * and cost of the chosen model. Summaries follow RouterBench: AIQ over a cost range (area under the non-decreasing
 * convex hull), the quality reachable within a cost, the cost needed to reach a quality.
 */
public final class TierSweep {

    /**
     * One setting of the sweep.
     *
     * @param parameter the policy parameter (λ or ε)
     * @param cost      mean recorded dollars per request
     * @param quality   mean recorded quality
     * @param choices   the model chosen for every request
     */
    public record Setting(double parameter, double cost, double quality, int[] choices) {
    }

    private final List<Setting> settings;

    private TierSweep(List<Setting> settings) {
        this.settings = List.copyOf(settings);
    }

    /**
     * Sweeps {@code policy}.
     *
     * @param predicted    predicted quality, requests x models
     * @param expectedCost the cost the policy decides on, requests x models
     * @param quality      recorded quality, requests x models
     * @param cost         recorded cost, requests x models
     */
    public static TierSweep of(TierPolicy policy, double[][] predicted, double[][] expectedCost, double[][] quality,
                               double[][] cost) {
        List<Setting> out = new ArrayList<>();
        for (double parameter : PolicyCalibration.grid(policy, expectedCost)) {
            int[] chosen = PolicyCalibration.choices(policy.withParameter(parameter), predicted, expectedCost);
            out.add(score(parameter, chosen, quality, cost));
        }
        return new TierSweep(out);
    }

    /** Mean recorded cost and quality of given choices (a choice of -1 counts as model 0). */
    public static Setting score(double parameter, int[] chosen, double[][] quality, double[][] cost) {
        double c = 0;
        double q = 0;
        for (int i = 0; i < chosen.length; i++) {
            int m = Math.max(0, chosen[i]);
            c += cost[i][m];
            q += quality[i][m];
        }
        return new Setting(parameter, c / chosen.length, q / chosen.length, chosen.clone());
    }

    /** The N-model oracle: on each request the cheapest model that reaches the best recorded quality. */
    public static Setting oracle(double[][] quality, double[][] cost) {
        int[] chosen = new int[quality.length];
        for (int i = 0; i < chosen.length; i++) {
            int best = 0;
            for (int m = 1; m < quality[i].length; m++) {
                boolean better = quality[i][m] > quality[i][best];
                if (better || quality[i][m] == quality[i][best] && cost[i][m] < cost[i][best]) {
                    best = m;
                }
            }
            chosen[i] = best;
        }
        return score(Double.NaN, chosen, quality, cost);
    }

    public List<Setting> settings() {
        return settings;
    }

    /** The settings as cost–quality points. */
    public ParetoCurve curve(String label) {
        List<ParetoCurve.Point> points = new ArrayList<>();
        settings.forEach(s -> points.add(new ParetoCurve.Point(label, s.cost(), s.quality())));
        return new ParetoCurve(points);
    }

    /** The highest quality of any setting. */
    public double maxQuality() {
        return settings.stream().mapToDouble(Setting::quality).max().orElseThrow();
    }

    /** The highest quality of a setting costing at most {@code budget} (no mixing of settings); NaN when none. */
    public double qualityWithin(double budget) {
        return settings.stream().filter(s -> s.cost() <= budget).mapToDouble(Setting::quality).max()
                .orElse(Double.NaN);
    }

    /** The lowest cost of a setting reaching {@code quality}; empty when none does. */
    public OptionalDouble costToReach(double quality) {
        return settings.stream().filter(s -> s.quality() >= quality - 1e-12).mapToDouble(Setting::cost).min();
    }

    /** How often each of {@code models} models is chosen in {@code setting}, as shares of the requests. */
    public static double[] modelShare(Setting setting, int models) {
        double[] share = new double[models];
        for (int c : setting.choices()) {
            share[Math.max(0, c)] += 1.0 / setting.choices().length;
        }
        return share;
    }
}
