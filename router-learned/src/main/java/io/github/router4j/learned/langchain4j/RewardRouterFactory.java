package io.github.router4j.learned.langchain4j;

import io.github.router4j.core.Router;
import io.github.router4j.core.TierInfo;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.LatencyStats;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.core.QualityPredictor;
import io.github.router4j.learned.RewardRouter;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.config.RouterFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code type: reward}: the Unify-style quality/cost/latency router ({@link RewardRouter}), measuring TTFT and
 * inter-token latency live ({@link LiveRewardRouter}), seeded from {@code latency}.
 *
 * <pre>{@code
 * router:
 *   type: reward
 *   quality: {cheap: 0.70, strong: 0.85}     # per tier; or quality-model: classifier.json
 *                                            # (router4j train --router classifier --target quality-per-model)
 *   weights: {cost: 100, ttft: 0.1, itl: 1}  # reward per dollar, per second of TTFT, per second of ITL x tokens
 *   expected-output-tokens: 256
 *   latency:                                 # seeds, replaced by measurements as calls come in
 *     cheap:  {ttft: 300ms, itl: 15ms}
 *     strong: {ttft: 900ms, itl: 40ms}
 *   smoothing: 0.2                           # weight of each new measurement in the moving average
 * }</pre>
 */
public final class RewardRouterFactory implements RouterFactory {

    @Override
    public String type() {
        return "reward";
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        params.expectFields("type", "quality", "quality-model", "weights", "expected-output-tokens", "latency",
                "smoothing");
        ConfigNode weights = params.get("weights").expectFields("cost", "ttft", "itl");
        RewardRouter router = RewardRouter.builder()
                .quality(quality(params, context))
                .latency(latency(params, context))
                .costWeight(weights.get("cost").asDoubleIn(0, Double.MAX_VALUE, 0))
                .ttftWeight(weights.get("ttft").asDoubleIn(0, Double.MAX_VALUE, 0))
                .itlWeight(weights.get("itl").asDoubleIn(0, Double.MAX_VALUE, 0))
                .expectedOutputTokens(params.get("expected-output-tokens").asIntIn(0, Integer.MAX_VALUE, 256))
                .build();
        return new LiveRewardRouter(router);
    }

    private static QualityPredictor quality(ConfigNode params, ConfigContext context) {
        if (params.has("quality") == params.has("quality-model")) {
            throw params.error("give either 'quality' (tier name: expected quality in [0, 1]) or 'quality-model'"
                    + " (a classifier trained with --target quality-per-model)");
        }
        if (params.has("quality-model")) {
            ConfigNode location = params.get("quality-model");
            LearnedRouter model = LearnedRouterFactory.load(location, context);
            if (!(model instanceof ClassifierRouter c) || c.target() != ClassifierRouter.Target.QUALITY_PER_MODEL) {
                throw location.error("must be a classifier trained with --target quality-per-model, is a '"
                        + model.type() + "' router");
            }
            return c;
        }
        ConfigNode quality = params.get("quality");
        Map<String, Double> byTier = new HashMap<>();
        for (TierInfo tier : context.tiers()) {
            byTier.put(tier.name(), quality.get(tier.name()).asDoubleIn(0, 1));
        }
        return QualityPredictor.constant(byTier);
    }

    private static LatencyStats latency(ConfigNode params, ConfigContext context) {
        Map<String, LatencyStats.Estimate> seeds = new HashMap<>();
        var tierNames = context.tiers().stream().map(TierInfo::name).toList();
        params.get("latency").fields().forEach((tier, seed) -> {
            if (!tierNames.contains(tier)) {
                throw seed.error("no tier is named '" + tier + "'; tiers: " + tierNames);
            }
            seed.expectFields("ttft", "itl");
            seeds.put(tier, new LatencyStats.Estimate(seconds(seed.get("ttft").asDuration(Duration.ZERO)),
                    seconds(seed.get("itl").asDuration(Duration.ZERO))));
        });
        double smoothing = params.get("smoothing").asDoubleIn(0, 1, 0.2);
        if (smoothing == 0) {
            throw params.get("smoothing").error("must be above 0 (the weight of each new measurement)");
        }
        return LatencyStats.create(smoothing, new LatencyStats.Estimate(0, 0), seeds);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
