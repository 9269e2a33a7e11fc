package io.github.router4j.core.cascade;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.Verdict;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The plain cascade rule: accept when the number clears a threshold, escalate otherwise. The
 * number is P(good) from a {@link MetaVerifier} when one is given (untrusted or missing
 * observations per its {@link UntrustedAction}), else the raw self-evaluation share (a missing
 * share escalates). The last tier always answers. Immutable and thread-safe.
 */
public final class ThresholdPolicy implements AcceptancePolicy {

    private final double threshold;
    private final MetaVerifier metaVerifier;

    private ThresholdPolicy(double threshold, MetaVerifier metaVerifier) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: expected a number in [0, 1], got " + threshold);
        }
        this.threshold = threshold;
        this.metaVerifier = metaVerifier;
    }

    /** Accept when the self-evaluation share is {@code >= threshold}. */
    public static ThresholdPolicy onShare(double threshold) {
        return new ThresholdPolicy(threshold, null);
    }

    /** Accept when the meta-verifier's P(good) is {@code >= threshold}. */
    public static ThresholdPolicy onPGood(MetaVerifier metaVerifier, double threshold) {
        return new ThresholdPolicy(threshold, java.util.Objects.requireNonNull(metaVerifier, "metaVerifier"));
    }

    @Override
    public Verdict decide(Attempt attempt) {
        if (!attempt.hasNextTier()) {
            return Verdict.accept("last tier");
        }
        double value;
        String what;
        Map<String, Double> details;
        if (metaVerifier != null) {
            Observation.Judged j = Observation.judge(metaVerifier, attempt);
            value = j.pGood();
            what = j.what() + ": P(good) " + Observation.fmt(value);
            details = j.details();
        } else {
            OptionalDouble share = Observation.share(attempt);
            if (share.isEmpty()) {
                return Verdict.escalate("no self-evaluation vote counted");
            }
            value = share.getAsDouble();
            what = "self-evaluation " + Observation.fmt(value);
            details = new HashMap<>();
            details.put("observation", value);
            attempt.evidence().get(Evidence.SELF_EVALUATION_VOTES).ifPresent(v -> details.put("votes", v));
        }
        details.put("threshold", threshold);
        return value >= threshold
                ? Verdict.accept(what + " >= " + threshold, details)
                : Verdict.escalate(what + " < " + threshold, details);
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public String toString() {
        return "ThresholdPolicy{threshold=" + threshold + (metaVerifier == null ? ", on share" : ", on P(good)") + '}';
    }
}
