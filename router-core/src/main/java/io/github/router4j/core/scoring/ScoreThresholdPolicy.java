package io.github.router4j.core.scoring;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.Verdict;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Accepts an answer when its scoring-spec total ({@link Evidence#SCORE}) is at least the threshold.
 * An answer without a score (every scorer failed) is escalated: a broken judge costs money, never
 * quality. Immutable.
 */
public final class ScoreThresholdPolicy implements AcceptancePolicy {

    private final double threshold;

    private ScoreThresholdPolicy(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: expected a number in [0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    public static ScoreThresholdPolicy of(double threshold) {
        return new ScoreThresholdPolicy(threshold);
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public Verdict decide(Attempt attempt) {
        OptionalDouble score = attempt.evidence().get(Evidence.SCORE);
        if (score.isEmpty() || Double.isNaN(score.getAsDouble())) {
            return Verdict.escalate("no score (every scorer failed)", Map.of("threshold", threshold));
        }
        double s = score.getAsDouble();
        Map<String, Double> details = Map.of("score", s, "threshold", threshold);
        String reason = String.format(Locale.ROOT, "score %.3f %s threshold %.3f", s, s >= threshold ? ">=" : "<", threshold);
        return s >= threshold ? Verdict.accept(reason, details) : Verdict.escalate(reason, details);
    }

    /**
     * Lets a policy written for self-evaluation shares decide on the score instead: the score becomes
     * the observation ({@link Evidence#SELF_EVALUATION_SHARE}). With the cascade's meta-verifier policies
     * (fitted on scores of answers known to be good or poor) this turns a score into P(good).
     */
    public static AcceptancePolicy scoreAsObservation(AcceptancePolicy observationPolicy) {
        return attempt -> {
            OptionalDouble score = attempt.evidence().get(Evidence.SCORE);
            Evidence evidence = attempt.evidence();
            Evidence observed = Evidence.empty();
            for (Map.Entry<String, Double> e : evidence.asMap().entrySet()) {
                if (!e.getKey().equals(Evidence.SELF_EVALUATION_SHARE) && !e.getKey().equals(Evidence.SELF_EVALUATION_VOTES)) {
                    observed = observed.with(e.getKey(), e.getValue());
                }
            }
            if (score.isPresent() && !Double.isNaN(score.getAsDouble())) {
                observed = observed.with(Evidence.SELF_EVALUATION_SHARE, score.getAsDouble());
            }
            return observationPolicy.decide(new Attempt(attempt.request(), attempt.tier(), attempt.tiers(),
                    attempt.answer(), observed));
        };
    }

    @Override
    public String toString() {
        return "ScoreThresholdPolicy{threshold=" + threshold + '}';
    }
}
