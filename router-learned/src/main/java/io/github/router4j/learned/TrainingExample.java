package io.github.router4j.learned;

import java.util.Arrays;
import java.util.Objects;

/**
 * One recorded request for training a router: its routing text, the sentence embedding of that text
 * (may be {@code null} for routers that use text features only), and the quality each model reached on it.
 *
 * @param text      the routing text
 * @param embedding the embedding of {@code text}, or {@code null}
 * @param quality   quality per model in the order of {@link TrainingSet#models()} (0/1 or a score in [0, 1]);
 *                  {@code NaN} where a model has no result for this request
 */
public record TrainingExample(String text, float[] embedding, double[] quality) {

    public TrainingExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(quality, "quality");
        for (double q : quality) {
            if (!Double.isNaN(q) && (q < 0 || q > 1)) {
                throw new IllegalArgumentException("quality must be in [0, 1] or NaN, got " + q + " for \""
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + '"');
            }
        }
    }

    /** An example for two models, weak first. */
    public static TrainingExample of(String text, float[] embedding, double weakQuality, double strongQuality) {
        return new TrainingExample(text, embedding, new double[] {weakQuality, strongQuality});
    }

    /**
     * The outcome of model {@code a} against model {@code b}: 1 when a is better, 0 when b is better,
     * 0.5 for a tie, {@code NaN} when either result is missing.
     */
    public double outcome(int a, int b) {
        double qa = quality[a];
        double qb = quality[b];
        if (Double.isNaN(qa) || Double.isNaN(qb)) {
            return Double.NaN;
        }
        return qa > qb ? 1 : qa < qb ? 0 : 0.5;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingExample e && text.equals(e.text) && Arrays.equals(embedding, e.embedding)
                && Arrays.equals(quality, e.quality);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * text.hashCode() + Arrays.hashCode(embedding)) + Arrays.hashCode(quality);
    }

    @Override
    public String toString() {
        return "TrainingExample{text=" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                + ", quality=" + Arrays.toString(quality) + '}';
    }
}
