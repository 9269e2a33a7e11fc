package io.github.router4j.core.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * A monotone piecewise-linear map from a raw score to a calibrated score on [0, 1]. The spec's
 * {@code parameters} [y<sub>1</sub>, ..., y<sub>n</sub>] are the calibrated values at the n evenly
 * spaced interior points x<sub>k</sub> = k / (n + 1); the ends are fixed at (0, 0) and (1, 1). No
 * parameters means the identity. Immutable.
 */
public final class CalibrationCurve {

    private static final CalibrationCurve IDENTITY = new CalibrationCurve(new double[0]);

    private final double[] ys;

    private CalibrationCurve(double[] ys) {
        this.ys = ys;
    }

    public static CalibrationCurve identity() {
        return IDENTITY;
    }

    /**
     * @param parameters the interior values, each in [0, 1] and non-decreasing
     * @param path       where the parameters come from, for errors
     */
    public static CalibrationCurve of(List<Double> parameters, String path) {
        double[] ys = new double[parameters.size()];
        double previous = 0;
        for (int k = 0; k < ys.length; k++) {
            Double y = parameters.get(k);
            String at = path + "[" + k + "]";
            if (y == null || !(y >= 0 && y <= 1)) {
                throw new ScoringSpecException(at, "calibration point must be a number in [0, 1], was " + y);
            }
            if (y < previous) {
                throw new ScoringSpecException(at, "calibration points must be non-decreasing, "
                        + y + " follows " + previous);
            }
            ys[k] = y;
            previous = y;
        }
        return ys.length == 0 ? IDENTITY : new CalibrationCurve(ys);
    }

    /** The calibrated value of {@code raw} (clamped to [0, 1] first). */
    public double apply(double raw) {
        double x = Math.min(1, Math.max(0, raw));
        int n = ys.length;
        if (n == 0) {
            return x;
        }
        double pos = x * (n + 1);
        int k = Math.min(n, (int) Math.floor(pos));
        double left = k == 0 ? 0 : ys[k - 1];
        double right = k == n ? 1 : ys[k];
        return left + (pos - k) * (right - left);
    }

    public boolean isIdentity() {
        return ys.length == 0;
    }

    /** The interior values, as the spec's {@code parameters}. */
    public List<Double> parameters() {
        return Arrays.stream(ys).boxed().toList();
    }

    int size() {
        return ys.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalibrationCurve c && Arrays.equals(ys, c.ys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return "CalibrationCurve" + Arrays.toString(ys);
    }
}
