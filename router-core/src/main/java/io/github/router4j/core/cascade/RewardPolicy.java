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
 * With {@link Builder#stackedPGood(StackedPGood)} P(good) is the stacked P(good) of the answer's
 * evidence instead (the answer verifier, code scores, the pre-call router's score, the share...):
 * used as it is, or, with a meta-verifier fitted on stacked P(good) values, through its KDEs.
 *
 * <p><b>History.</b> With {@link Builder#tierAccuracies(double...)} the P(good) in the reward is
 * the posterior over the query's difficulty (as in {@link PomdpPolicy}) given the observations of
 * every tier already tried ({@link Attempt#earlier()}) and of the current one, so a strong tier's
 * doubtful answer after a weak tier's doubtful answer weighs more than either alone; without
 * accuracies only the current answer counts. Immutable and thread-safe.
 */
public final class RewardPolicy implements AcceptancePolicy {

    private final MetaVerifier metaVerifier;
    private final StackedPGood stack;
    private final double[] accuracies;
    private final double[] prior;
    private final double lambda;
    private final TierCosts costs;

    private RewardPolicy(Builder b) {
        if (b.metaVerifier == null && b.stack == null) {
            throw new IllegalArgumentException("metaVerifier or stackedPGood: one is required");
        }
        this.metaVerifier = b.metaVerifier;
        this.stack = b.stack;
        this.accuracies = b.accuracies == null ? null : DifficultyBelief.accuracies(b.accuracies);
        this.prior = accuracies == null ? null : DifficultyBelief.prior(accuracies);
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
        Observation.Judged j = Observation.judge(metaVerifier, attempt, stack);
        double pGood = j.pGood();
        if (prior != null) {
            pGood = posterior(attempt, j);
            j.details().put("p_good_current", j.pGood());
            j.details().put("p_good", pGood);
            j.details().put("tiers_observed", (double) attempt.earlier().size() + 1);
        }
        double nextCost = costs.cost(attempt.nextTier());
        double reward = pGood - lambda * nextCost;
        j.details().put("reward", reward);
        j.details().put("lambda", lambda);
        j.details().put("next_tier_cost", nextCost);
        String reason = j.what() + ": reward " + Observation.fmt(reward) + " = P(good) " + Observation.fmt(pGood)
                + (prior != null ? " (given " + (attempt.earlier().size() + 1) + " tiers' answers)" : "")
                + " - " + lambda + " x cost " + nextCost;
        return reward > 0 ? Verdict.accept(reason, j.details()) : Verdict.escalate(reason, j.details());
    }

    /** P(the current tier's answer is good) given every tier's observation so far. */
    private double posterior(Attempt attempt, Observation.Judged current) {
        if (attempt.tiers().size() != accuracies.length) {
            throw new IllegalStateException("tierAccuracies has " + accuracies.length + " tiers, the cascade has "
                    + attempt.tiers().size());
        }
        double[] belief = prior.clone();
        for (Attempt earlier : attempt.earlier()) {
            int k = earlier.tier().index();
            double[] l = Observation.likelihood(Observation.judge(metaVerifier, earlier, stack), metaVerifier,
                    accuracies[k]);
            DifficultyBelief.update(belief, k, l[0], l[1]);
        }
        int i = attempt.tier().index();
        double[] l = Observation.likelihood(current, metaVerifier, accuracies[i]);
        DifficultyBelief.update(belief, i, l[0], l[1]);
        return DifficultyBelief.goodUpTo(belief, i);
    }

    public double lambda() {
        return lambda;
    }

    /** The meta-verifier, or {@code null} when the policy decides on the stacked P(good) as it is. */
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
        private StackedPGood stack;
        private double[] accuracies;
        private double lambda = 0.5;
        private TierCosts costs;

        private Builder() {
        }

        public Builder metaVerifier(MetaVerifier metaVerifier) {
            this.metaVerifier = metaVerifier;
            return this;
        }

        /**
         * Decide on the stacked P(good) of the answer's evidence: as it is without a meta-verifier, or through
         * a meta-verifier fitted on stacked P(good) values.
         */
        public Builder stackedPGood(StackedPGood stack) {
            this.stack = stack;
            return this;
        }

        /**
         * P(good answer) of each tier, cheapest first, non-decreasing: turns on the history, P(good) given
         * every tier already tried.
         */
        public Builder tierAccuracies(double... accuracies) {
            this.accuracies = accuracies.clone();
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
