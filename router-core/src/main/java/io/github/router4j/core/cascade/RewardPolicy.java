package io.github.router4j.core.cascade;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Verdict;
import java.util.Objects;

/**
 * AutoMix's cost-aware escalation rule: {@code reward = P(good) − λ · cost(next tier)}; the answer
 * is accepted when the reward is positive and escalated when it is {@code ≤ 0}. The last tier
 * always answers.
 *
 * <p><b>Meaning of λ.</b> λ converts the {@link TierCosts cost} of the next tier into probability
 * of a good answer: an answer is kept only when its P(good) beats {@code λ × cost(next tier)}. So
 * λ sets the acceptance bar, per unit of the next tier's cost. A larger λ raises the bar: more
 * escalations, higher quality, higher cost; λ = 0 accepts everything the meta-verifier trusts at
 * all. With relative costs 1, 1.2, 1.5 and λ = 0.5 the first tier's answer needs P(good) &gt; 0.6
 * and the second's &gt; 0.75. Pick λ for a target share of escalations with
 * {@link LambdaCalibration}.
 *
 * <p>P(good) comes from the {@link MetaVerifier} applied to the self-evaluation share in the
 * attempt's evidence; an untrusted observation, or none at all (no self-evaluation vote counted),
 * counts per the meta-verifier's {@link UntrustedAction}: P(good) = 0 (escalate) or the prior.
 * Immutable and thread-safe.
 */
public final class RewardPolicy implements AcceptancePolicy {

    private final MetaVerifier metaVerifier;
    private final double lambda;
    private final TierCosts costs;

    private RewardPolicy(Builder b) {
        this.metaVerifier = Objects.requireNonNull(b.metaVerifier, "metaVerifier");
        this.costs = Objects.requireNonNull(b.costs, "costs");
        if (!(b.lambda >= 0) || Double.isInfinite(b.lambda)) {
            throw new IllegalArgumentException("lambda: expected a finite number >= 0, got " + b.lambda);
        }
        this.lambda = b.lambda;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verdict decide(Attempt attempt) {
        if (!attempt.hasNextTier()) {
            return Verdict.accept("last tier");
        }
        Observation.Judged j = Observation.judge(metaVerifier, attempt);
        double nextCost = costs.cost(attempt.nextTier());
        double reward = j.pGood() - lambda * nextCost;
        j.details().put("reward", reward);
        j.details().put("lambda", lambda);
        j.details().put("next_tier_cost", nextCost);
        String reason = j.what() + ": reward " + Observation.fmt(reward) + " = P(good) " + Observation.fmt(j.pGood())
                + " - " + lambda + " x cost " + nextCost;
        return reward > 0 ? Verdict.accept(reason, j.details()) : Verdict.escalate(reason, j.details());
    }

    public double lambda() {
        return lambda;
    }

    public MetaVerifier metaVerifier() {
        return metaVerifier;
    }

    @Override
    public String toString() {
        return "RewardPolicy{lambda=" + lambda + ", costs=" + costs + '}';
    }

    /** Builder for {@link RewardPolicy}; {@code metaVerifier} and {@code costs} are required. */
    public static final class Builder {
        private MetaVerifier metaVerifier;
        private double lambda = 0.5;
        private TierCosts costs;

        private Builder() {
        }

        public Builder metaVerifier(MetaVerifier metaVerifier) {
            this.metaVerifier = metaVerifier;
            return this;
        }

        /** λ &ge; 0, default 0.5; see the class documentation. */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        public Builder costs(TierCosts costs) {
            this.costs = costs;
            return this;
        }

        public RewardPolicy build() {
            return new RewardPolicy(this);
        }
    }
}
