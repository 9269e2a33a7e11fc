package io.github.router4j.core.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises training data a router cannot learn from, so that it is reported as such instead of as a
 * result: feature vectors with almost no spread (every prompt embeds to nearly the same vector, as when
 * a long shared template fills the embedding model's window), or scores that are (nearly) constant
 * (every request gets the same score, so the threshold sweep has nothing to sweep). Messages say what
 * to check.
 */
public final class Degeneracy {

    /** Below this total variance of the normalised vectors (1 − |mean|², in [0, 1]) they have no usable spread. */
    public static final double MIN_VECTOR_SPREAD = 0.01;
    /** When at least this share of the scores equals the median, the scores count as constant. */
    public static final double MAX_CONSTANT_SHARE = 0.95;
    private static final double SAME = 1e-9;
    private static final String CHECK = "check for a template or instructions every prompt shares (remove it,"
            + " or train with the learned template on), and that the prompt column is the right one";

    private Degeneracy() {
    }

    /**
     * Whether the vectors (e.g. prompt embeddings) are spread out enough to learn from.
     *
     * @return the problem, or empty when the vectors have spread (or there are fewer than two)
     */
    public static Optional<String> ofVectors(List<float[]> vectors) {
        if (vectors.size() < 2) {
            return Optional.empty();
        }
        double spread = spread(vectors);
        if (spread >= MIN_VECTOR_SPREAD) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the %d feature vectors have almost no spread (total variance"
                + " %.4f, below %.2f): the prompts look the same to the embedding model; %s", vectors.size(), spread,
                MIN_VECTOR_SPREAD, CHECK));
    }

    /** Total variance of the L2-normalised vectors: 1 − |mean of the unit vectors|²; 0 when all point the same way. */
    public static double spread(List<float[]> vectors) {
        int d = vectors.get(0).length;
        double[] mean = new double[d];
        int n = 0;
        for (float[] v : vectors) {
            double norm = 0;
            for (float x : v) {
                norm += (double) x * x;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                mean[j] += v[j] / norm;
            }
            n++;
        }
        if (n == 0) {
            return 0;
        }
        double squared = 0;
        for (double m : mean) {
            squared += (m / n) * (m / n);
        }
        return Math.max(0, 1 - squared);
    }

    /**
     * Whether the (cross-validated) scores of a router tell requests apart.
     *
     * @return the problem, or empty when the scores vary
     */
    public static Optional<String> ofScores(double[] scores) {
        if (scores.length < 2) {
            return Optional.empty();
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        long same = Arrays.stream(scores).filter(s -> Math.abs(s - median) <= SAME).count();
        double share = (double) same / scores.length;
        if (share < MAX_CONSTANT_SHARE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the scores are (nearly) constant: %.1f%% of the %d requests"
                + " score %.4f, so the router cannot tell them apart; %s", share * 100, scores.length, median, CHECK));
    }
}
