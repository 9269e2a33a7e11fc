package io.github.router4j.core.routing;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The N-tier router: a {@link QualityPredictor} gives every tier's predicted quality, each tier's expected cost comes
 * from its prices and the request's estimated tokens (input = characters of text and context / 4, output =
 * {@code expectedOutputTokens}), and a {@link TierPolicy} chooses among the tiers that support the request. Any tier
 * can be chosen; the route lists every tier's prediction. Immutable and thread-safe.
 */
public final class PredictedQualityRouter implements Router {

    private final QualityPredictor predictor;
    private final TierPolicy policy;
    private final int expectedOutputTokens;
    private final String setting;

    private PredictedQualityRouter(Builder b) {
        this.predictor = Objects.requireNonNull(b.predictor, "predictor");
        this.policy = Objects.requireNonNull(b.policy, "policy");
        if (b.expectedOutputTokens < 0) {
            throw new IllegalArgumentException("expectedOutputTokens must be >= 0, was " + b.expectedOutputTokens);
        }
        this.expectedOutputTokens = b.expectedOutputTokens;
        this.setting = String.format(Locale.ROOT, "n-tier %s %s=%.4g", policy.name(),
                policy instanceof EpsilonTierPolicy ? "epsilon" : "lambda", policy.parameter());
    }

    public static Builder builder() {
        return new Builder();
    }

    public TierPolicy policy() {
        return policy;
    }

    /** Expected dollars of this request on every tier. */
    public double[] expectedCosts(RoutingRequest request, List<TierInfo> tiers) {
        long inputTokens = (request.text().length() + request.context().length()) / 4L;
        double[] cost = new double[tiers.size()];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = tiers.get(i).cost(inputTokens, expectedOutputTokens);
        }
        return cost;
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        double[] quality = predictor.predictQuality(request, tiers);
        if (quality.length != tiers.size()) {
            throw new IllegalStateException("the quality predictor returned " + quality.length + " values for "
                    + tiers.size() + " tiers");
        }
        double[] cost = expectedCosts(request, tiers);
        boolean[] eligible = new boolean[tiers.size()];
        Map<String, Double> predictions = new LinkedHashMap<>();
        for (int i = 0; i < eligible.length; i++) {
            eligible[i] = tiers.get(i).supports(request.requiredCapabilities());
            predictions.put(tiers.get(i).name(), quality[i]);
        }
        int chosen = policy.choose(quality, cost, eligible);
        if (chosen < 0) {
            return new Route(0, setting + ": no eligible tier has a prediction, trying the cheapest",
                    OptionalDouble.empty(), predictions);
        }
        StringBuilder reason = new StringBuilder(setting.length() + 48 + 16 * quality.length).append(setting)
                .append(": '").append(tiers.get(chosen).name()).append("' (predicted ");
        FixedDecimal.append(reason, quality[chosen], 3).append(", expected $");
        FixedDecimal.append(reason, cost[chosen], 6).append("); predicted:");
        for (int i = 0; i < quality.length; i++) {
            FixedDecimal.append(reason.append(' ').append(tiers.get(i).name()).append(' '), quality[i], 3);
        }
        return new Route(chosen, reason.toString(), OptionalDouble.of(quality[chosen]), predictions);
    }

    /** Builder; {@code expectedOutputTokens} defaults to 256. */
    public static final class Builder {
        private QualityPredictor predictor;
        private TierPolicy policy;
        private int expectedOutputTokens = 256;

        private Builder() {
        }

        public Builder predictor(QualityPredictor predictor) {
            this.predictor = predictor;
            return this;
        }

        public Builder policy(TierPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder expectedOutputTokens(int expectedOutputTokens) {
            this.expectedOutputTokens = expectedOutputTokens;
            return this;
        }

        public PredictedQualityRouter build() {
            return new PredictedQualityRouter(this);
        }
    }
}
