package io.github.router4j.core.cascade;

/**
 * The belief the multi-tier policies keep about a query: a distribution over its difficulty
 * {@code s ∈ {0, …, n}}, the cheapest tier whose answer is good ({@code n}: none is), so tier
 * {@code j}'s answer is good iff {@code s ≤ j}. The prior comes from the tiers' accuracies; every
 * observed answer, of the current tier and of each tier escalated from, updates it by Bayes.
 */
final class DifficultyBelief {

    private DifficultyBelief() {
    }

    /** Validated copy of non-decreasing accuracies in [0, 1], one per tier. */
    static double[] accuracies(double[] accuracies) {
        if (accuracies.length < 1) {
            throw new IllegalArgumentException("tierAccuracies: expected one accuracy per tier, got none");
        }
        double[] a = accuracies.clone();
        for (int j = 0; j < a.length; j++) {
            if (!(a[j] >= 0 && a[j] <= 1)) {
                throw new IllegalArgumentException("tierAccuracies[" + j + "]: expected a number in [0, 1], got " + a[j]);
            }
            if (j > 0 && a[j] < a[j - 1]) {
                throw new IllegalArgumentException("tierAccuracies[" + j + "]: " + a[j] + " is below tier " + (j - 1)
                        + "'s " + a[j - 1] + "; accuracies must not decrease from cheap to strong");
            }
        }
        return a;
    }

    /** P(s) from the accuracies {@code a_j = P(s ≤ j)}. */
    static double[] prior(double[] a) {
        int n = a.length;
        double[] prior = new double[n + 1];
        for (int s = 0; s <= n; s++) {
            prior[s] = (s < n ? a[s] : 1) - (s > 0 ? a[s - 1] : 0);
        }
        return prior;
    }

    /** Bayes update of {@code b} in place for an observation at tier {@code j}; returns its probability. */
    static double update(double[] b, int j, double likelihoodGood, double likelihoodPoor) {
        double mass = 0;
        for (int s = 0; s < b.length; s++) {
            b[s] *= s <= j ? likelihoodGood : likelihoodPoor;
            mass += b[s];
        }
        if (mass > 0) {
            for (int s = 0; s < b.length; s++) {
                b[s] /= mass;
            }
        }
        return mass;
    }

    /** P(tier {@code j}'s answer is good) under belief {@code b}. */
    static double goodUpTo(double[] b, int j) {
        double p = 0;
        for (int s = 0; s <= j; s++) {
            p += b[s];
        }
        return p;
    }
}
