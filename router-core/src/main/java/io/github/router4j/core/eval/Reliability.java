package io.github.router4j.core.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well predicted probabilities match what happened: the reliability curve (equal-width bins over
 * [0, 1]; per bin the mean predicted probability, the observed share of positives and the count) and
 * the expected calibration error, {@code ECE = Σ_b (n_b / n) · |observed_b − predicted_b|}.
 *
 * @param bins the non-empty bins, by increasing predicted probability
 * @param ece  the expected calibration error
 */
public record Reliability(List<Bin> bins, double ece) {

    /** One bin of the curve. */
    public record Bin(double from, double to, double meanPredicted, double observed, int count) {
    }

    public Reliability {
        bins = List.copyOf(bins);
    }

    /**
     * The curve of {@code predicted} probabilities against {@code outcomes}.
     *
     * @param bins number of equal-width bins, e.g. 10
     */
    public static Reliability of(double[] predicted, boolean[] outcomes, int bins) {
        if (predicted.length != outcomes.length || predicted.length == 0) {
            throw new IllegalArgumentException("need one outcome per prediction and at least one: "
                    + predicted.length + " predictions, " + outcomes.length + " outcomes");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        double[] sum = new double[bins];
        int[] positives = new int[bins];
        int[] count = new int[bins];
        for (int i = 0; i < predicted.length; i++) {
            double p = predicted[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("prediction " + i + " is not a probability: " + p);
            }
            int b = Math.min(bins - 1, (int) (p * bins));
            sum[b] += p;
            positives[b] += outcomes[i] ? 1 : 0;
            count[b]++;
        }
        List<Bin> out = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            double mean = sum[b] / count[b];
            double observed = (double) positives[b] / count[b];
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, mean, observed, count[b]));
            ece += (double) count[b] / predicted.length * Math.abs(observed - mean);
        }
        return new Reliability(out, ece);
    }
}
