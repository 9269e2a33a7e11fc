package io.github.router4j.core.eval;

/**
 * AutoMix's incremental benefit per cost. For a method between a weak model (quality Qw, cost Cw)
 * and a strong one (Qs, Cs): IBC = (Q − Qw) / (C − Cw); the baseline is the straight line between
 * the two models, IBC_base = (Qs − Qw) / (Cs − Cw); the lift is (IBC − IBC_base) / IBC_base
 * (positive: more quality per extra dollar than mixing the two models at random).
 */
public final class Ibc {

    private Ibc() {
    }

    public static double ibc(double quality, double cost, double weakQuality, double weakCost) {
        return (quality - weakQuality) / (cost - weakCost);
    }

    /** The IBC lift of the point (quality, cost); NaN when its cost equals the weak model's. */
    public static double lift(double quality, double cost, double weakQuality, double weakCost,
                              double strongQuality, double strongCost) {
        if (cost == weakCost) {
            return Double.NaN;
        }
        double base = ibc(strongQuality, strongCost, weakQuality, weakCost);
        return (ibc(quality, cost, weakQuality, weakCost) - base) / base;
    }

    /**
     * Mean IBC lift over a curve's operating points strictly between all-weak and all-strong
     * (0 &lt; strong share &lt; 1), against the standalone models' line ({@code strongQuality},
     * {@code strongCost} of the strong model alone; weak from the curve). For a cascade the curve's
     * costs include the weak call that precedes every escalation.
     */
    public static double meanLift(RoutingCurve curve, double strongQuality, double strongCost) {
        double sum = 0;
        int n = 0;
        for (CurvePoint p : curve.points()) {
            if (p.strongShare() > 0 && p.strongShare() < 1 && p.cost() != curve.weakCost()) {
                sum += lift(p.quality(), p.cost(), curve.weakQuality(), curve.weakCost(), strongQuality, strongCost);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
