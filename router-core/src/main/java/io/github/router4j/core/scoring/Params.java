package io.github.router4j.core.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The free parameters of a spec during calibration, as one vector: per curve (every sub-dimension,
 * then every dimension) K + 1 logits whose softmax gives the curve's segment increments, then one
 * log-weight per sub-dimension and per dimension.
 */
final class Params {

    private final ScoringSpec spec;
    private final int knots;
    final int subCurves;
    final int dimensions;
    private final int[] dimensionOf;
    private final int[] firstSub;
    private final int weightsAt;

    Params(ScoringSpec spec, int knots) {
        this.spec = spec;
        this.knots = knots;
        this.subCurves = spec.subDimensionCount();
        this.dimensions = spec.dimensions().size();
        this.dimensionOf = new int[subCurves];
        this.firstSub = new int[dimensions + 1];
        int k = 0;
        for (int i = 0; i < dimensions; i++) {
            firstSub[i] = k;
            for (int j = 0; j < spec.dimensions().get(i).subDimensions().size(); j++) {
                dimensionOf[k++] = i;
            }
        }
        firstSub[dimensions] = k;
        this.weightsAt = (subCurves + dimensions) * (knots + 1);
    }

    double[] initial() {
        double[] th = new double[weightsAt + subCurves + dimensions];
        for (int c = 0; c < subCurves + dimensions; c++) {
            CalibrationCurve curve = c < subCurves ? spec.subCurve(dimensionOf[c], c - firstSub[dimensionOf[c]])
                    : spec.dimensionCurve(c - subCurves);
            double previous = 0;
            for (int s = 0; s <= knots; s++) {
                double y = s == knots ? 1 : curve.apply((s + 1.0) / (knots + 1));
                th[c * (knots + 1) + s] = Math.log(Math.max(y - previous, 1e-4));
                previous = y;
            }
        }
        for (int c = 0; c < subCurves; c++) {
            th[weightsAt + c] = Math.log(spec.normalisedWeight(dimensionOf[c], c - firstSub[dimensionOf[c]]));
        }
        for (int i = 0; i < dimensions; i++) {
            th[weightsAt + subCurves + i] = Math.log(spec.normalisedWeight(i));
        }
        return th;
    }

    int[] curveBlock(int curve) {
        return IntStream.range(curve * (knots + 1), (curve + 1) * (knots + 1)).toArray();
    }

    int[] allCurves() {
        return IntStream.range(0, weightsAt).toArray();
    }

    int[] all() {
        return IntStream.range(0, weightsAt + subCurves + dimensions).toArray();
    }

    Decoded decode(double[] th) {
        double[][] curves = new double[subCurves + dimensions][];
        for (int c = 0; c < curves.length; c++) {
            curves[c] = cumulative(th, c * (knots + 1), knots + 1);
        }
        double[] subWeights = new double[subCurves];
        for (int i = 0; i < dimensions; i++) {
            double[] w = softmax(th, weightsAt + firstSub[i], firstSub[i + 1] - firstSub[i]);
            System.arraycopy(w, 0, subWeights, firstSub[i], w.length);
        }
        return new Decoded(curves, subWeights, softmax(th, weightsAt + subCurves, dimensions));
    }

    ScoringSpec toSpec(double[] th) {
        Decoded m = decode(th);
        List<Dimension> dims = new ArrayList<>();
        for (int i = 0; i < dimensions; i++) {
            Dimension d = spec.dimensions().get(i);
            List<SubDimension> subs = new ArrayList<>();
            for (int j = 0; j < d.subDimensions().size(); j++) {
                int c = firstSub[i] + j;
                subs.add(d.subDimensions().get(j).withWeight(round(m.subWeights[c])).withParameters(interior(m.curves[c])));
            }
            dims.add(d.withWeight(round(m.dimensionWeights[i])).withParameters(interior(m.curves[subCurves + i]))
                    .withSubDimensions(subs));
        }
        return spec.withDimensions(dims);
    }

    private static List<Double> interior(double[] cumulative) {
        List<Double> ys = new ArrayList<>();
        double previous = 0;
        for (int k = 1; k < cumulative.length - 1; k++) {
            previous = Math.max(previous, Math.min(1, Math.round(cumulative[k] * 1e6) / 1e6));
            ys.add(previous);
        }
        return ys;
    }

    private static double round(double weight) {
        return Math.max(1e-6, Math.round(weight * 1e6) / 1e6);
    }

    private static double[] cumulative(double[] th, int from, int n) {
        double[] s = softmax(th, from, n);
        double[] ys = new double[n + 1];
        for (int k = 0; k < n; k++) {
            ys[k + 1] = ys[k] + s[k];
        }
        ys[n] = 1;
        return ys;
    }

    private static double[] softmax(double[] th, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, th[from + k]);
        }
        double[] out = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            out[k] = Math.exp(th[from + k] - max);
            sum += out[k];
        }
        for (int k = 0; k < n; k++) {
            out[k] /= sum;
        }
        return out;
    }

    /** Decoded curves (cumulative knot values including the fixed ends) and normalised weights. */
    final class Decoded {
        final double[][] curves;
        final double[] subWeights;
        final double[] dimensionWeights;

        Decoded(double[][] curves, double[] subWeights, double[] dimensionWeights) {
            this.curves = curves;
            this.subWeights = subWeights;
            this.dimensionWeights = dimensionWeights;
        }

        double subCurve(int c, double x) {
            return apply(curves[c], x);
        }

        double dimensionScore(double[] raw, int i) {
            double sum = 0;
            double weight = 0;
            for (int c = firstSub[i]; c < firstSub[i + 1]; c++) {
                if (!Double.isNaN(raw[c])) {
                    sum += subWeights[c] * apply(curves[c], raw[c]);
                    weight += subWeights[c];
                }
            }
            return weight > 0 ? apply(curves[subCurves + i], sum / weight) : Double.NaN;
        }

        double total(double[] raw) {
            double sum = 0;
            double weight = 0;
            for (int i = 0; i < dimensions; i++) {
                double s = dimensionScore(raw, i);
                if (!Double.isNaN(s)) {
                    sum += dimensionWeights[i] * s;
                    weight += dimensionWeights[i];
                }
            }
            return weight > 0 ? sum / weight : Double.NaN;
        }

        private double apply(double[] ys, double raw) {
            double x = Math.min(1, Math.max(0, raw));
            double pos = x * (ys.length - 1);
            int k = Math.min(ys.length - 2, (int) pos);
            return ys[k] + (pos - k) * (ys[k + 1] - ys[k]);
        }
    }
}
