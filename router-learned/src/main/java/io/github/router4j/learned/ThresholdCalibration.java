package io.github.router4j.learned;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Chooses a router's threshold on a calibration set: the threshold that sends a target share of calls to
 * the strong tier (as RouteLLM calibrates), or the one with the fewest strong calls that still reaches a
 * target average quality. Scores are the router's P(strong needed); a request goes strong when its score
 * is at least the threshold.
 */
public final class ThresholdCalibration {

    /**
     * A calibrated threshold and what it gives on the calibration set.
     *
     * @param threshold   the threshold to route with
     * @param strongShare share of calibration requests sent to the strong tier
     * @param quality     average quality on the calibration set ({@code NaN} when calibrated by share only)
     */
    public record Calibration(double threshold, double strongShare, double quality) {
    }

    private ThresholdCalibration() {
    }

    /** The threshold that sends (as nearly as ties allow) {@code share} of the calibration requests to the strong tier. */
    public static Calibration forStrongShare(double[] scores, double share) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one score");
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1], was " + share);
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int strong = (int) Math.round(share * sorted.length);
        double threshold = thresholdFor(sorted, strong);
        return new Calibration(threshold, shareAtOrAbove(sorted, threshold), Double.NaN);
    }

    /**
     * The threshold with the fewest strong calls whose average quality reaches {@code target}; when no
     * threshold does, the one that sends everything strong.
     */
    public static Calibration forTargetQuality(double[] scores, double[] weakQuality, double[] strongQuality,
                                               double target) {
        int n = scores.length;
        if (n == 0 || weakQuality.length != n || strongQuality.length != n) {
            throw new IllegalArgumentException("calibration needs equally many scores (" + n + "), weak qualities ("
                    + weakQuality.length + ") and strong qualities (" + strongQuality.length + "), at least one");
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double total = 0;
        for (double q : weakQuality) {
            total += q;
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int k = 0;
        while (total / n < target && k < n) {
            double tie = scores[order[k]];
            while (k < n && scores[order[k]] == tie) {
                total += strongQuality[order[k]] - weakQuality[order[k]];
                k++;
            }
        }
        double threshold = thresholdFor(sorted, k);
        return new Calibration(threshold, shareAtOrAbove(sorted, threshold), total / n);
    }

    /** A threshold with {@code strong} of the ascending {@code sorted} scores at or above it (ties permitting). */
    private static double thresholdFor(double[] sorted, int strong) {
        if (strong <= 0) {
            return Math.min(1, Math.nextUp(sorted[sorted.length - 1]));
        }
        return Math.min(1, Math.max(0, sorted[sorted.length - strong]));
    }

    private static double shareAtOrAbove(double[] sorted, double threshold) {
        int idx = Arrays.binarySearch(sorted, threshold);
        if (idx < 0) {
            idx = -idx - 1;
        } else {
            while (idx > 0 && sorted[idx - 1] == threshold) {
                idx--;
            }
        }
        return (double) (sorted.length - idx) / sorted.length;
    }
}
