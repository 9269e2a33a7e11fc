package io.github.router4j.core.scoring;

import java.util.Objects;

/**
 * A raw score in [0, 1] with the reason for it. A failed scorer yields {@link #failed(String)}: its
 * sub-dimension is left out of the aggregation and the remaining weights are renormalised.
 *
 * @param value       the score in [0, 1], or NaN when scoring failed
 * @param explanation why (a judge's votes, a code scorer's reason, an error)
 */
public record Score(double value, String explanation) {

    public Score {
        Objects.requireNonNull(explanation, "explanation");
        if (!Double.isNaN(value) && (value < 0 || value > 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + value);
        }
    }

    public static Score of(double value, String explanation) {
        return new Score(value, explanation);
    }

    public static Score failed(String explanation) {
        return new Score(Double.NaN, explanation);
    }

    public boolean isFailed() {
        return Double.isNaN(value);
    }
}
