package io.github.router4j.core.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cost–quality operating points of a multi-model system (single models, router settings) and
 * RouterBench's summary of them: the non-decreasing convex hull of the points and the area under it
 * over a cost range, divided by the range (AIQ, "average improvement in quality").
 */
public final class ParetoCurve {

    /** One operating point. */
    public record Point(String label, double cost, double quality) {
    }

    private final List<Point> points;

    public ParetoCurve(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a Pareto curve needs points");
        }
        this.points = List.copyOf(points);
    }

    public List<Point> points() {
        return points;
    }

    /** The points no other point beats on both cost and quality, by increasing cost. */
    public List<Point> frontier() {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::cost).thenComparing(Comparator.comparingDouble(Point::quality)
                .reversed()));
        List<Point> out = new ArrayList<>();
        for (Point p : sorted) {
            if (out.isEmpty() || p.quality() > out.get(out.size() - 1).quality()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The non-decreasing upper convex hull: the frontier points that are not below the segment of
     * their neighbours (mixing two settings at random reaches every point on that segment).
     */
    public List<Point> hull() {
        List<Point> hull = new ArrayList<>();
        for (Point p : frontier()) {
            while (hull.size() >= 2 && !rightTurn(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p)) {
                hull.remove(hull.size() - 1);
            }
            hull.add(p);
        }
        return hull;
    }

    private static boolean rightTurn(Point a, Point b, Point c) {
        double cross = (b.cost() - a.cost()) * (c.quality() - a.quality())
                - (b.quality() - a.quality()) * (c.cost() - a.cost());
        return cross < 0;
    }

    /** Hull quality at {@code cost}: interpolated inside, flat beyond the ends. */
    public double hullQuality(double cost) {
        List<Point> h = hull();
        if (cost <= h.get(0).cost()) {
            return h.get(0).quality();
        }
        for (int i = 1; i < h.size(); i++) {
            Point a = h.get(i - 1);
            Point b = h.get(i);
            if (cost <= b.cost()) {
                return a.quality() + (cost - a.cost()) / (b.cost() - a.cost()) * (b.quality() - a.quality());
            }
        }
        return h.get(h.size() - 1).quality();
    }

    /** AIQ over this curve's own cost range. */
    public double aiq() {
        double min = points.stream().mapToDouble(Point::cost).min().orElseThrow();
        double max = points.stream().mapToDouble(Point::cost).max().orElseThrow();
        return aiq(min, max);
    }

    /**
     * RouterBench's AIQ: (1 / (max − min)) ∫ hull(c) dc over [min, max]; use the same range to
     * compare systems. When the range is empty it is the hull's quality at that cost.
     */
    public double aiq(double minCost, double maxCost) {
        if (maxCost <= minCost) {
            return hullQuality(minCost);
        }
        List<Double> xs = new ArrayList<>();
        xs.add(minCost);
        for (Point p : hull()) {
            if (p.cost() > minCost && p.cost() < maxCost) {
                xs.add(p.cost());
            }
        }
        xs.add(maxCost);
        double area = 0;
        for (int i = 1; i < xs.size(); i++) {
            double a = xs.get(i - 1);
            double b = xs.get(i);
            area += (b - a) * (hullQuality(a) + hullQuality(b)) / 2;
        }
        return area / (maxCost - minCost);
    }

    /** The point with the highest quality (the cheapest among equals). */
    public Point best() {
        return points.stream().max(Comparator.comparingDouble(Point::quality)
                .thenComparing(Comparator.comparingDouble(Point::cost).reversed())).orElseThrow();
    }
}
