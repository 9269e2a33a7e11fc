package io.github.router4j.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A two-model router's cost–quality curve and the RouteLLM metrics on it (RouteLLM,
 * {@code routellm/evals/evaluate.py}):
 * <ul>
 *   <li>the sweep: thresholds are the quantile edges of the router's scores ({@code bins} equal-count
 *       bins, like {@code pandas.qcut}); at each threshold the requests scoring at or above it go to
 *       the strong model; plus the point where none do;</li>
 *   <li>{@link #auc()}: trapezoidal area under quality over strong-call share;</li>
 *   <li>{@link #apgr()}: (AUC − weak area) / (strong area − weak area), the average recovered share
 *       of the quality gap (random routing ≈ 0.5);</li>
 *   <li>{@link #cpt(double) CPT(x)}: the strong-call share at which the curve first reaches
 *       weak + x · (strong − weak), linearly interpolated (RouteLLM's {@code np.interp} for a
 *       monotone curve);</li>
 *   <li>{@link #savingsAtCpt50()}: 0.5 / CPT(50%), RouteLLM's cost-saving ratio against random
 *       routing.</li>
 * </ul>
 * Ties in scores are routed together; where distinct scores are fewer than the bins, the curve
 * has fewer points. Weak and strong quality are those of always-weak and always-strong on the same
 * requests.
 */
public final class RoutingCurve {

    private final List<CurvePoint> points;
    private final double weakQuality;
    private final double strongQuality;
    private final double weakCost;
    private final double strongCost;

    private RoutingCurve(List<CurvePoint> points, double weakQuality, double strongQuality, double weakCost,
                         double strongCost) {
        this.points = List.copyOf(points);
        this.weakQuality = weakQuality;
        this.strongQuality = strongQuality;
        this.weakCost = weakCost;
        this.strongCost = strongCost;
    }

    /** RouteLLM's default: 10 bins, 11 thresholds. */
    public static final int DEFAULT_BINS = 10;

    /**
     * Sweeps the threshold over {@code scores} (higher = more in need of the strong model).
     *
     * @param outcomes per request, quality and cost of each model; same order as {@code scores}
     * @param bins     number of equal-count bins whose edges are the thresholds
     */
    public static RoutingCurve sweep(double[] scores, PairOutcomes outcomes, int bins) {
        Objects.requireNonNull(outcomes, "outcomes");
        int n = scores.length;
        if (n == 0 || n != outcomes.size()) {
            throw new IllegalArgumentException("need one score per request: " + n + " scores, "
                    + outcomes.size() + " requests");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of request " + i + " is NaN");
            }
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double[] thresholds = new double[bins + 1];
        for (int j = 0; j <= bins; j++) {
            thresholds[j] = quantile(sorted, (double) j / bins);
        }
        double[] edges = Arrays.stream(thresholds).distinct().toArray();
        List<CurvePoint> points = new ArrayList<>();
        for (double t : edges) {
            points.add(point(t, scores, outcomes, false));
        }
        points.add(point(sorted[n - 1], scores, outcomes, true));
        points.sort(Comparator.comparingDouble(CurvePoint::strongShare));
        return new RoutingCurve(points, outcomes.meanQuality(false), outcomes.meanQuality(true),
                outcomes.meanCost(false), outcomes.meanCost(true));
    }

    /** A curve from given points (e.g. a hand-computed example), with the weak and strong baselines. */
    public static RoutingCurve of(List<CurvePoint> points, double weakQuality, double strongQuality,
                                  double weakCost, double strongCost) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a curve needs points");
        }
        List<CurvePoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(CurvePoint::strongShare));
        return new RoutingCurve(sorted, weakQuality, strongQuality, weakCost, strongCost);
    }

    private static CurvePoint point(double threshold, double[] scores, PairOutcomes outcomes, boolean none) {
        int strong = 0;
        double quality = 0;
        double cost = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean toStrong = !none && scores[i] >= threshold;
            strong += toStrong ? 1 : 0;
            quality += outcomes.quality(i, toStrong);
            cost += outcomes.cost(i, toStrong);
        }
        int n = scores.length;
        return new CurvePoint(none ? Double.POSITIVE_INFINITY : threshold, (double) strong / n, quality / n, cost / n);
    }

    /** Linear-interpolation quantile of sorted values (numpy's default, as pandas.qcut uses). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The points, by increasing strong-call share. */
    public List<CurvePoint> points() {
        return points;
    }

    public double weakQuality() {
        return weakQuality;
    }

    public double strongQuality() {
        return strongQuality;
    }

    /** Mean dollars per request when every request goes to the weak model. */
    public double weakCost() {
        return weakCost;
    }

    /** Mean dollars per request when every request goes to the strong model. */
    public double strongCost() {
        return strongCost;
    }

    /** Trapezoidal area under quality over strong-call share. */
    public double auc() {
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            CurvePoint a = points.get(i - 1);
            CurvePoint b = points.get(i);
            area += (b.strongShare() - a.strongShare()) * (a.quality() + b.quality()) / 2;
        }
        return area;
    }

    /** Average performance gap recovered: (AUC − weak area) / (strong area − weak area) over the curve's share range. */
    public double apgr() {
        double width = points.get(points.size() - 1).strongShare() - points.get(0).strongShare();
        double gap = (strongQuality - weakQuality) * width;
        if (gap == 0) {
            return Double.NaN;
        }
        return (auc() - weakQuality * width) / gap;
    }

    /**
     * Call-performance threshold: the strong-call share at which quality first reaches
     * weak + {@code fraction} · (strong − weak); 0 when the first point already reaches it.
     *
     * @param fraction the share of the quality gap to recover, e.g. 0.5 for CPT(50%)
     */
    public double cpt(double fraction) {
        double target = weakQuality + fraction * (strongQuality - weakQuality);
        CurvePoint first = points.get(0);
        if (first.quality() >= target) {
            return first.strongShare();
        }
        for (int i = 1; i < points.size(); i++) {
            CurvePoint a = points.get(i - 1);
            CurvePoint b = points.get(i);
            if (b.quality() >= target) {
                double t = (target - a.quality()) / (b.quality() - a.quality());
                return a.strongShare() + t * (b.strongShare() - a.strongShare());
            }
        }
        return points.get(points.size() - 1).strongShare();
    }

    /** RouteLLM's cost-saving ratio at CPT(50%): the random router's strong share (0.5) over this router's. */
    public double savingsAtCpt50() {
        return 0.5 / cpt(0.5);
    }

    /** Mean dollars per request at strong-call share {@code share}, interpolated along the curve. */
    public double costAt(double share) {
        for (int i = 1; i < points.size(); i++) {
            CurvePoint a = points.get(i - 1);
            CurvePoint b = points.get(i);
            if (share <= b.strongShare()) {
                double span = b.strongShare() - a.strongShare();
                double t = span == 0 ? 1 : (share - a.strongShare()) / span;
                return a.cost() + Math.max(0, t) * (b.cost() - a.cost());
            }
        }
        return points.get(points.size() - 1).cost();
    }

    /**
     * Dollars saved per request against always-strong when operating at CPT(50%), as a share of
     * always-strong's cost; NaN when no cost is known.
     */
    public double dollarSavingShareAtCpt50() {
        return strongCost == 0 ? Double.NaN : (strongCost - costAt(cpt(0.5))) / strongCost;
    }

    /** Dollars saved per request against always-strong when operating at CPT(50%). */
    public double dollarSavingPerRequestAtCpt50() {
        return strongCost - costAt(cpt(0.5));
    }

    /**
     * Mean dollars per request at the first operating point whose quality reaches {@code quality},
     * interpolated along the curve; NaN when the curve never reaches it.
     */
    public double costAtQuality(double quality) {
        CurvePoint first = points.get(0);
        if (first.quality() >= quality) {
            return first.cost();
        }
        for (int i = 1; i < points.size(); i++) {
            CurvePoint a = points.get(i - 1);
            CurvePoint b = points.get(i);
            if (b.quality() >= quality) {
                double t = (quality - a.quality()) / (b.quality() - a.quality());
                return a.cost() + t * (b.cost() - a.cost());
            }
        }
        return Double.NaN;
    }
}
