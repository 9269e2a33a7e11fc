package io.github.router4j.samples.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.eval.ParetoCurve;
import io.github.router4j.core.eval.TierSweep;
import io.github.router4j.core.routing.PolicyCalibration;
import io.github.router4j.core.routing.PolicyTarget;
import io.github.router4j.core.routing.TierPolicy;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleBiFunction;

/**
 * The N-tier part of {@code evaluate}: for each router, its policy swept into a cost–quality curve over every
 * model, with x = cost as a share of the best single model's cost. Reports AIQ (over the single models' cost
 * range), the quality reached within 10, 25 and 50 % of the best single model's cost, the cost share needed to
 * match its quality, the highest quality, and each model's share of requests at the calibrated point.
 */
final class NTierReport {

    private static final double[] SHARES = {0.10, 0.25, 0.50};

    /** One router's N-tier results. */
    record Row(String name, TierSweep sweep, double aiq, double[] qualityAt, OptionalDouble shareToMatch,
               double maxQuality, PolicyCalibration.Result calibrated, double[] modelShare) {
    }

    private final List<String> models;
    private final double[][] quality;
    private final double[][] cost;
    private final double[][] expectedCost;
    private final ParetoCurve singles;
    private final ParetoCurve.Point best;
    private final double minCost;
    private final double maxCost;
    private final TierPolicy policy;
    private final PolicyTarget target;
    private final TierSweep.Setting oracle;
    private final List<Row> rows = new ArrayList<>();

    NTierReport(RecordedResults data, List<String> models, ToDoubleBiFunction<RecordedRequest, String> costOf,
                ParetoCurve singles, TierPolicy policy, PolicyTarget target) {
        this.models = List.copyOf(models);
        int n = data.size();
        int m = models.size();
        this.quality = new double[n][m];
        this.cost = new double[n][m];
        this.expectedCost = new double[n][m];
        double[] meanCost = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                quality[i][j] = data.get(i).quality(models.get(j));
                cost[i][j] = costOf.applyAsDouble(data.get(i), models.get(j));
                meanCost[j] += cost[i][j] / n;
            }
        }
        for (double[] row : expectedCost) {
            System.arraycopy(meanCost, 0, row, 0, m);
        }
        this.singles = singles;
        this.best = singles.best();
        this.minCost = singles.points().stream().mapToDouble(ParetoCurve.Point::cost).min().orElseThrow();
        this.maxCost = singles.points().stream().mapToDouble(ParetoCurve.Point::cost).max().orElseThrow();
        this.policy = policy;
        this.target = target;
        this.oracle = TierSweep.oracle(quality, cost);
    }

    /** Adds a router from its predictions (requests x models). */
    void add(String name, double[][] predicted) {
        TierSweep sweep = TierSweep.of(policy, predicted, expectedCost, quality, cost);
        double[] at = new double[SHARES.length];
        for (int k = 0; k < at.length; k++) {
            at[k] = sweep.qualityWithin(SHARES[k] * best.cost() * (1 + 1e-12));
        }
        OptionalDouble toMatch = sweep.costToReach(best.quality());
        OptionalDouble share = toMatch.isPresent() && best.cost() > 0
                ? OptionalDouble.of(toMatch.getAsDouble() / best.cost()) : OptionalDouble.empty();
        PolicyCalibration.Result calibrated =
                PolicyCalibration.calibrate(policy, predicted, expectedCost, null, target);
        TierSweep.Setting point = TierSweep.score(calibrated.policy().parameter(),
                PolicyCalibration.choices(calibrated.policy(), predicted, expectedCost), quality, cost);
        rows.add(new Row(name, sweep, sweep.curve(name).aiq(minCost, maxCost), at, share, sweep.maxQuality(),
                calibrated, TierSweep.modelShare(point, models.size())));
    }

    void print(PrintStream out) {
        out.printf("%nN-tier routing among %d models, policy %s (x = cost as a share of the best single model %s:"
                + " quality %.4f, $%.6f/request)%n", models.size(), policy.name(), best.label(), best.quality(),
                best.cost());
        out.printf("%-20s %7s %8s %8s %8s %10s %8s  %s%n", "router", "AIQ", "q@10%", "q@25%", "q@50%", "match best",
                "max q", "model share at " + target);
        for (Row r : rows) {
            out.printf("%-20s %7.4f %8.4f %8.4f %8.4f %10s %8.4f  %s%n", r.name(), r.aiq(), r.qualityAt()[0],
                    r.qualityAt()[1], r.qualityAt()[2], r.shareToMatch().isPresent()
                            ? String.format("%.1f%%", r.shareToMatch().getAsDouble() * 100) : "not reached",
                    r.maxQuality(), topShares(r.modelShare()));
        }
        out.printf("%-20s %7s %8s %8s %8s %10s %8.4f  (cost share %.1f%%)%n", "n-model oracle", "", "", "", "",
                "", oracle.quality(), best.cost() > 0 ? oracle.cost() / best.cost() * 100 : Double.NaN);
        out.printf("single models' Pareto AIQ %.4f over $%.6f..$%.6f per request%n", singles.aiq(), minCost, maxCost);
    }

    private String topShares(double[] share) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < share.length; j++) {
            order.add(j);
        }
        order.sort((a, b) -> Double.compare(share[b], share[a]));
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < Math.min(3, order.size()) && share[order.get(k)] > 0; k++) {
            s.append(k == 0 ? "" : ", ").append(String.format("%s %.0f%%", models.get(order.get(k)),
                    share[order.get(k)] * 100));
        }
        return s.toString();
    }

    /** Adds the N-tier keys to each router's node and the top-level {@code best_single} and oracle. */
    void writeJson(ObjectNode root) {
        for (Row r : rows) {
            ObjectNode node = root.has(r.name()) ? (ObjectNode) root.get(r.name()) : root.putObject(r.name());
            if (node.has("aiq")) {
                node.set("binary_aiq", node.get("aiq"));
            }
            EvaluateCommand.putNumber(node, "aiq", r.aiq());
            EvaluateCommand.putNumber(node, "quality_at_cost_10", r.qualityAt()[0]);
            EvaluateCommand.putNumber(node, "quality_at_cost_25", r.qualityAt()[1]);
            EvaluateCommand.putNumber(node, "quality_at_cost_50", r.qualityAt()[2]);
            EvaluateCommand.putNumber(node, "cost_share_to_match_best", r.shareToMatch().orElse(Double.NaN));
            EvaluateCommand.putNumber(node, "max_quality", r.maxQuality());
            ObjectNode share = node.putObject("model_share");
            for (int j = 0; j < models.size(); j++) {
                share.put(models.get(j), r.modelShare()[j]);
            }
            ObjectNode calibrated = node.putObject("calibrated");
            calibrated.put("target", target.toString());
            calibrated.put("policy", r.calibrated().policy().name());
            calibrated.put("parameter", r.calibrated().policy().parameter());
            var curve = node.putArray("n_tier_points");
            for (TierSweep.Setting s : r.sweep().settings()) {
                ObjectNode p = curve.addObject();
                p.put("parameter", s.parameter());
                p.put("cost", s.cost());
                EvaluateCommand.putNumber(p, "cost_share", best.cost() > 0 ? s.cost() / best.cost() : Double.NaN);
                p.put("quality", s.quality());
            }
        }
        ObjectNode single = root.putObject("best_single");
        single.put("name", best.label());
        single.put("quality", best.quality());
        single.put("cost", best.cost());
        ObjectNode singlesNode = root.putObject("single_models");
        for (ParetoCurve.Point p : singles.points()) {
            ObjectNode s = singlesNode.putObject(p.label());
            s.put("quality", p.quality());
            s.put("cost", p.cost());
        }
        EvaluateCommand.putNumber(root, "single_models_aiq", singles.aiq());
        ObjectNode o = root.putObject("n_model_oracle");
        o.put("quality", oracle.quality());
        o.put("cost", oracle.cost());
    }

    /** Every router's curve, the single models and the N-model oracle, x = cost share of the best single model. */
    XYChart chart(String source) {
        XYChart chart = new XYChartBuilder().width(1100).height(600)
                .title("N-tier routing: " + source)
                .xAxisTitle("cost (% of " + best.label() + (minCost > 0 ? ", log scale)" : ")")).yAxisTitle("quality").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLogarithmic(minCost > 0);
        double scale = best.cost() > 0 ? 100 / best.cost() : 1;
        for (Row r : rows) {
            Map<Double, Double> byX = new LinkedHashMap<>();
            for (ParetoCurve.Point p : r.sweep().curve(r.name()).frontier()) {
                byX.put(p.cost() * scale, p.quality());
            }
            XYSeries s = chart.addSeries(String.format("%s (AIQ %.3f)", r.name(), r.aiq()),
                    new ArrayList<>(byX.keySet()), new ArrayList<>(byX.values()));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        for (ParetoCurve.Point p : singles.points()) {
            XYSeries s = chart.addSeries(p.label(), List.of(p.cost() * scale), List.of(p.quality()));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
        }
        XYSeries o = chart.addSeries("n-model oracle", List.of(oracle.cost() * scale), List.of(oracle.quality()));
        o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        o.setMarker(SeriesMarkers.TRIANGLE_UP);
        return chart;
    }
}
