package io.github.router4j.core.cascade;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AutoMix's POMDP over all remaining tiers: chooses accept or escalate by the expected reward of
 * the whole rest of the cascade, not just the next step.
 *
 * <p><b>Model.</b> The hidden state is the query's difficulty {@code s ∈ {0, …, n}}: the cheapest
 * tier whose answer is good ({@code n}: none is). Tier {@code j}'s answer is good iff
 * {@code s ≤ j}, so a stronger tier is never worse than a weaker one on the same query. The prior
 * comes from each tier's accuracy {@code a_j = P(s ≤ j)} (non-decreasing). At tier {@code j} the
 * observation (self-evaluation share) has density {@code f_good_j} if the answer is good, else
 * {@code f_poor_j}: the KDEs of tier j's {@link MetaVerifier} (one for all tiers, or one per tier).
 * The reward of a finished request is 1 for a good final answer, 0 otherwise, minus
 * {@code λ · cost(tier)} for every tier escalated to.
 *
 * <p><b>Decision.</b> After tier {@code i}'s observation the belief over {@code s} is updated by
 * Bayes; accepting is worth P(good at i); escalating is worth {@code −λ · cost(i+1)} plus the
 * expectation, over tier i+1's observation, of the best choice there (recursively up to the last
 * tier, which always answers). Future observations are integrated on {@code observationBins}
 * evenly spaced points of the meta-verifier's grid, so a decision at tier i costs
 * {@code O(bins^(n−1−i) · n)}; the builder rejects configurations above 10^7 evaluations. The policy
 * escalates only when escalating is worth strictly more.
 *
 * <p><b>Meaning of λ</b> here: how much probability of a good answer one cost unit is worth
 * ({@link TierCosts}). A larger λ makes escalation dearer: fewer escalations (the opposite
 * direction from {@link RewardPolicy}'s λ, which is an acceptance bar).
 *
 * <p><b>History.</b> The belief is updated with the observation of every tier already tried for
 * the request ({@link Attempt#earlier()}), each at its own tier, then with the current one: two
 * weak tiers that both looked doubtful make the query's difficulty likelier than either alone. An
 * untrusted observation (or none) counts per the meta-verifier's {@link UntrustedAction}: as a poor
 * answer (ESCALATE) or as no information (USE_PRIOR).
 *
 * <p><b>Observation.</b> The self-evaluation share by default; with
 * {@link Builder#stackedPGood(StackedPGood)} the stacked P(good) of the answer's evidence (the
 * answer verifier, code scores, the pre-call router's score, the share...), and the meta-verifiers
 * are then KDEs fitted on stacked P(good) values of good and poor held-out answers. The meta-verifiers' own {@code priorGood} is not used; the tier
 * accuracies are the prior. Immutable and thread-safe.
 */
public final class PomdpPolicy implements AcceptancePolicy {

    private static final double MAX_EVALUATIONS = 1e7;

    private final List<MetaVerifier> verifiers;
    private final StackedPGood stack;
    private final double[] prior;
    private final double lambda;
    private final TierCosts costs;
    private final int bins;
    /** likelihood[j][0][g]: P(bin g | tier j good); likelihood[j][1][g]: P(bin g | tier j poor). */
    private final double[][][] likelihood;

    private PomdpPolicy(Builder b) {
        Objects.requireNonNull(b.accuracies, "tierAccuracies");
        Objects.requireNonNull(b.costs, "costs");
        double[] a = DifficultyBelief.accuracies(b.accuracies);
        int n = a.length;
        if (b.verifiers.isEmpty()) {
            throw new IllegalArgumentException("metaVerifier: required (one for all tiers or one per tier)");
        }
        if (b.verifiers.size() != 1 && b.verifiers.size() != n) {
            throw new IllegalArgumentException("metaVerifiers: expected 1 or " + n + " (one per tier), got " + b.verifiers.size());
        }
        if (!(b.lambda >= 0) || Double.isInfinite(b.lambda)) {
            throw new IllegalArgumentException("lambda: expected a finite number >= 0, got " + b.lambda);
        }
        if (b.bins < 2) {
            throw new IllegalArgumentException("observationBins: expected at least 2, got " + b.bins);
        }
        if (Math.pow(b.bins, n - 1) * n > MAX_EVALUATIONS) {
            throw new IllegalArgumentException("observationBins: " + b.bins + " bins over " + n + " tiers needs about "
                    + String.format("%.0e", Math.pow(b.bins, n - 1) * n) + " evaluations per decision; use fewer bins");
        }
        this.prior = DifficultyBelief.prior(a);
        this.stack = b.stack;
        this.verifiers = List.copyOf(b.verifiers);
        this.lambda = b.lambda;
        this.costs = b.costs;
        this.bins = b.bins;
        this.likelihood = new double[n][][];
        for (int j = 0; j < n; j++) {
            MetaVerifier v = verifier(j);
            double[] x = MetaVerifier.grid(v.settings().gridMin(), v.settings().gridMax(), bins);
            likelihood[j] = new double[][] {normalised(v.goodDensity().density(x)), normalised(v.poorDensity().density(x))};
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verdict decide(Attempt attempt) {
        int n = prior.length - 1;
        int i = attempt.tier().index();
        if (attempt.tiers().size() != n) {
            throw new IllegalStateException("the POMDP was configured for " + n + " tiers, the cascade has "
                    + attempt.tiers().size());
        }
        if (!attempt.hasNextTier()) {
            return Verdict.accept("last tier");
        }
        double[] belief = prior.clone();
        for (Attempt earlier : attempt.earlier()) {
            int k = earlier.tier().index();
            double[] l = Observation.likelihood(Observation.judge(verifier(k), earlier, stack), verifier(k), 0);
            update(belief, k, l[0], l[1]);
        }
        MetaVerifier v = verifier(i);
        Observation.Judged j = Observation.judge(v, attempt, stack);
        double[] current = Observation.likelihood(j, v, 0);
        update(belief, i, current[0], current[1]);
        double[] cost = new double[n];
        for (TierInfo t : attempt.tiers()) {
            cost[t.index()] = costs.cost(t);
        }
        double accept = goodUpTo(belief, i);
        double escalate = escalateValue(belief, i, cost);
        Map<String, Double> details = j.details();
        details.put("p_good", accept);
        details.put("tiers_observed", (double) attempt.earlier().size() + 1);
        details.put("value_accept", accept);
        details.put("value_escalate", escalate);
        details.put("lambda", lambda);
        String reason = j.what() + ": expected reward accept " + Observation.fmt(accept) + " vs escalate "
                + Observation.fmt(escalate);
        return escalate > accept ? Verdict.escalate(reason, details) : Verdict.accept(reason, details);
    }

    /** Expected reward of escalating from tier {@code i} with belief {@code b}, then acting optimally. */
    private double escalateValue(double[] b, int i, double[] cost) {
        int next = i + 1;
        double expected = 0;
        double[] lg = likelihood[next][0];
        double[] lp = likelihood[next][1];
        double[] posterior = new double[b.length];
        for (int g = 0; g < bins; g++) {
            System.arraycopy(b, 0, posterior, 0, b.length);
            double mass = update(posterior, next, lg[g], lp[g]);
            if (mass > 0) {
                expected += mass * value(posterior, next, cost);
            }
        }
        return expected - lambda * cost[next];
    }

    private double value(double[] b, int j, double[] cost) {
        double accept = goodUpTo(b, j);
        if (j + 1 >= likelihood.length) {
            return accept;
        }
        return Math.max(accept, escalateValue(b, j, cost));
    }

    private static double update(double[] b, int j, double likelihoodGood, double likelihoodPoor) {
        return DifficultyBelief.update(b, j, likelihoodGood, likelihoodPoor);
    }

    private static double goodUpTo(double[] b, int j) {
        return DifficultyBelief.goodUpTo(b, j);
    }

    private MetaVerifier verifier(int tier) {
        return verifiers.size() == 1 ? verifiers.get(0) : verifiers.get(tier);
    }

    private static double[] normalised(double[] d) {
        double sum = 0;
        for (double x : d) {
            sum += x;
        }
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = sum > 0 ? d[i] / sum : 1.0 / d.length;
        }
        return out;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String toString() {
        return "PomdpPolicy{tiers=" + (prior.length - 1) + ", lambda=" + lambda + ", costs=" + costs + ", bins=" + bins + '}';
    }

    /** Builder for {@link PomdpPolicy}; meta-verifier(s), tier accuracies and costs are required. */
    public static final class Builder {
        private final List<MetaVerifier> verifiers = new ArrayList<>();
        private StackedPGood stack;
        private double[] accuracies;
        private double lambda = 0.5;
        private TierCosts costs;
        private int bins = 21;

        private Builder() {
        }

        /** One meta-verifier for every tier. */
        public Builder metaVerifier(MetaVerifier metaVerifier) {
            verifiers.clear();
            verifiers.add(Objects.requireNonNull(metaVerifier, "metaVerifier"));
            return this;
        }

        /** One meta-verifier per tier, cheapest first. */
        public Builder metaVerifiers(List<MetaVerifier> perTier) {
            verifiers.clear();
            verifiers.addAll(perTier);
            return this;
        }

        /**
         * Observe the stacked P(good) of each answer's evidence instead of the self-evaluation share; the
         * meta-verifier(s) must then be fitted on stacked P(good) values of good and poor held-out answers.
         */
        public Builder stackedPGood(StackedPGood stack) {
            this.stack = stack;
            return this;
        }

        /** P(good answer) of each tier, cheapest first, non-decreasing (e.g. measured on calibration data). */
        public Builder tierAccuracies(double... accuracies) {
            this.accuracies = accuracies.clone();
            return this;
        }

        /** λ &ge; 0, default 0.5: probability of a good answer that one cost unit is worth. */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        public Builder costs(TierCosts costs) {
            this.costs = costs;
            return this;
        }

        /** Points on which future observations are integrated; default 21. */
        public Builder observationBins(int bins) {
            this.bins = bins;
            return this;
        }

        public PomdpPolicy build() {
            return new PomdpPolicy(this);
        }
    }
}
