package io.github.router4j.learned;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.util.List;
import java.util.Objects;

/**
 * Multi-tier quality/cost/latency router (Unify): for each eligible tier,
 * {@code reward = quality - costWeight * cost - ttftWeight * TTFT - itlWeight * ITL * expectedOutputTokens}, and
 * the tier with the highest reward answers (the cheaper one on a tie). Quality comes from a
 * {@link QualityPredictor}, cost in dollars from the tier's prices with the routing text's estimated input tokens
 * (characters / 4) and {@code expectedOutputTokens}, TTFT and ITL in seconds from {@link LatencyStats}, measured
 * live. Thread-safe; its only mutable part is the shared {@link LatencyStats}.
 */
public final class RewardRouter implements Router {

    private final QualityPredictor quality;
    private final LatencyStats latency;
    private final double costWeight;
    private final double ttftWeight;
    private final double itlWeight;
    private final int expectedOutputTokens;

    private RewardRouter(Builder b) {
        this.quality = Objects.requireNonNull(b.quality, "quality");
        this.latency = b.latency == null ? LatencyStats.create(java.util.Map.of()) : b.latency;
        this.costWeight = nonNegative(b.costWeight, "costWeight");
        this.ttftWeight = nonNegative(b.ttftWeight, "ttftWeight");
        this.itlWeight = nonNegative(b.itlWeight, "itlWeight");
        if (b.expectedOutputTokens < 0) {
            throw new IllegalArgumentException("expectedOutputTokens must be >= 0, was " + b.expectedOutputTokens);
        }
        this.expectedOutputTokens = b.expectedOutputTokens;
    }

    private static double nonNegative(double v, String name) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + v);
        }
        return v;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LatencyStats latency() {
        return latency;
    }

    /** The reward of every tier for this request ({@code NaN} for tiers lacking a required capability). */
    public double[] rewards(RoutingRequest request, List<TierInfo> tiers) {
        double[] q = quality.predictQuality(request, tiers);
        long inputTokens = (request.text().length() + request.context().length()) / 4L;
        double[] r = new double[tiers.size()];
        for (int i = 0; i < r.length; i++) {
            TierInfo t = tiers.get(i);
            if (!t.supports(request.requiredCapabilities())) {
                r[i] = Double.NaN;
                continue;
            }
            LatencyStats.Estimate e = latency.estimate(t.name());
            r[i] = q[i] - costWeight * t.cost(inputTokens, expectedOutputTokens) - ttftWeight * e.ttftSeconds()
                    - itlWeight * e.itlSeconds() * expectedOutputTokens;
        }
        return r;
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        double[] r = rewards(request, tiers);
        int best = -1;
        for (int i = 0; i < r.length; i++) {
            if (!Double.isNaN(r[i]) && (best < 0 || r[i] > r[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return Route.to(0, "reward: no tier supports " + request.requiredCapabilities() + ", trying the cheapest");
        }
        return Route.to(best, String.format("reward: %s has the highest reward %.4f", tiers.get(best).name(), r[best]),
                r[best]);
    }

    /** Builder; weights default to 0 (quality only), {@code expectedOutputTokens} to 256. */
    public static final class Builder {
        private QualityPredictor quality;
        private LatencyStats latency;
        private double costWeight;
        private double ttftWeight;
        private double itlWeight;
        private int expectedOutputTokens = 256;

        private Builder() {
        }

        public Builder quality(QualityPredictor quality) { this.quality = quality; return this; }

        /** Shared live latency estimates; by default a fresh one with no seeds. */
        public Builder latency(LatencyStats latency) { this.latency = latency; return this; }

        /** Reward lost per dollar of expected cost. */
        public Builder costWeight(double costWeight) { this.costWeight = costWeight; return this; }

        /** Reward lost per second of time to first token. */
        public Builder ttftWeight(double ttftWeight) { this.ttftWeight = ttftWeight; return this; }

        /** Reward lost per second of inter-token latency times expected output tokens. */
        public Builder itlWeight(double itlWeight) { this.itlWeight = itlWeight; return this; }

        public Builder expectedOutputTokens(int expectedOutputTokens) {
            this.expectedOutputTokens = expectedOutputTokens;
            return this;
        }

        public RewardRouter build() {
            return new RewardRouter(this);
        }
    }
}
