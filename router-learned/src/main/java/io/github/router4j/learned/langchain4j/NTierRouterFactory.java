package io.github.router4j.learned.langchain4j;

import io.github.router4j.core.Router;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.routing.PolicyCalibration;
import io.github.router4j.core.routing.PolicyTarget;
import io.github.router4j.core.routing.PredictedQualityRouter;
import io.github.router4j.core.routing.TierPolicy;
import io.github.router4j.learned.CalibrationSample;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.config.RouterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: n-tier}: routes every request to any tier from a trained router's predicted quality of every
 * model ({@link PredictedQualityRouter}). {@code tiers} maps the training models to tier names; the policy's
 * parameter is given ({@code lambda}, {@code epsilon}) or calibrated for a {@code target} on the sample saved in the
 * trained file by {@code router4j train --models ...}, with these tiers' prices.
 *
 * <pre>{@code
 * strategy:
 *   router:
 *     type: n-tier
 *     model: mbpp-knn.json                     # router4j train --router knn --models A,B,C --out ...
 *     tiers:                                   # training model -> tier name
 *       mistralai/mistral-7b-chat: small
 *       gpt-3.5-turbo-1106: standard
 *       gpt-4-1106-preview: strong
 *     policy: reward                           # reward (quality - lambda * dollars) | epsilon
 *     target: {cost-share: 0.3}                # or budget: dollars per 1,000 requests, or quality: 0.7
 *     # lambda: 2000                           # or a fixed parameter instead of the target
 *     expected-output-tokens: 256
 * }</pre>
 */
public final class NTierRouterFactory implements RouterFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NTierRouterFactory.class);

    @Override
    public String type() {
        return "n-tier";
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        params.expectFields("type", "model", "tiers", "policy", "lambda", "epsilon", "target",
                "expected-output-tokens");
        ConfigNode location = params.get("model");
        byte[] file = LearnedRouterFactory.read(location, context, (in, name) -> {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "the trained router");
        LearnedRouter learned = parse(location, "the trained router",
                () -> LearnedRouters.load(new ByteArrayInputStream(file), location.asText()));
        if (learned instanceof ClassifierRouter c && c.target() == ClassifierRouter.Target.STRONG_BETTER) {
            throw location.error("holds a classifier trained to compare two models only; train it with --models"
                    + " A,B,C,... (or --target quality-per-model) to predict every model's quality");
        }
        Map<String, String> mapping = mapping(params.get("tiers"), learned, context);
        String policyName = params.has("policy") ? params.get("policy").asOneOf("reward", "epsilon") : "reward";
        String parameterKey = policyName.equals("reward") ? "lambda" : "epsilon";
        String otherKey = policyName.equals("reward") ? "epsilon" : "lambda";
        if (params.has(otherKey)) {
            throw params.get(otherKey).error("the " + policyName + " policy takes '" + parameterKey + "', not '"
                    + otherKey + "'");
        }
        if (params.has(parameterKey) == params.has("target")) {
            throw params.error("give either '" + parameterKey + "' or 'target' (budget, cost-share or quality)");
        }
        int outputTokens = params.get("expected-output-tokens").asIntIn(0, Integer.MAX_VALUE, 256);
        TierPolicy policy = TierPolicy.of(policyName, params.has(parameterKey)
                ? params.get(parameterKey).asDoubleIn(0, Double.MAX_VALUE) : 0);
        if (params.has("target")) {
            policy = calibrate(policy, params.get("target"), location, file, learned, mapping, context.tiers(),
                    outputTokens);
        }
        return PredictedQualityRouter.builder().predictor(learned.forTiers(mapping)).policy(policy)
                .expectedOutputTokens(outputTokens).build();
    }

    private static Map<String, String> mapping(ConfigNode tiers, LearnedRouter learned, ConfigContext context) {
        if (!tiers.isObject() || tiers.fields().isEmpty()) {
            throw tiers.expected("a mapping of training model to tier name, e.g. {gpt-4-1106-preview: strong}");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        tiers.fields().forEach((model, tier) -> {
            if (!learned.models().contains(model)) {
                throw tier.error("model '" + model + "' is not one the router was trained on: " + learned.models());
            }
            context.tierIndex(tier);
            mapping.put(model, tier.asText());
        });
        return mapping;
    }

    private static TierPolicy calibrate(TierPolicy policy, ConfigNode targetNode, ConfigNode location, byte[] file,
                                        LearnedRouter learned, Map<String, String> mapping, List<TierInfo> tiers,
                                        int outputTokens) {
        if (!targetNode.isObject() || targetNode.fields().size() != 1) {
            throw targetNode.expected("one of {budget: DOLLARS_PER_1000_REQUESTS}, {cost-share: SHARE},"
                    + " {quality: Q}");
        }
        Map.Entry<String, ConfigNode> entry = targetNode.fields().entrySet().iterator().next();
        PolicyTarget target;
        try {
            target = PolicyTarget.parse(entry.getKey() + "=" + entry.getValue().asDouble());
        } catch (IllegalArgumentException e) {
            throw entry.getValue().error(e.getMessage());
        }
        Optional<CalibrationSample> sample = parse(location, "the calibration sample",
                () -> CalibrationSample.read(new ByteArrayInputStream(file), location.asText()));
        if (sample.isEmpty()) {
            throw targetNode.error("the trained file " + location.asText() + " holds no calibration sample; train it"
                    + " with router4j train --models ... (or give a fixed lambda/epsilon)");
        }
        CalibrationSample s = sample.get();
        int n = s.inputTokens().length;
        double[][] predicted = new double[n][tiers.size()];
        double[][] quality = new double[n][tiers.size()];
        double[][] cost = new double[n][tiers.size()];
        for (int i = 0; i < n; i++) {
            Arrays.fill(predicted[i], Double.NaN);
            Arrays.fill(quality[i], Double.NaN);
            for (int t = 0; t < tiers.size(); t++) {
                cost[i][t] = tiers.get(t).cost(s.inputTokens()[i], outputTokens);
            }
        }
        mapping.forEach((model, tier) -> {
            int m = learned.models().indexOf(model);
            int t = tiers.stream().filter(x -> x.name().equals(tier)).findFirst().orElseThrow().index();
            for (int i = 0; i < n; i++) {
                predicted[i][t] = s.predicted()[i][m];
                quality[i][t] = s.quality()[i][m];
            }
        });
        PolicyCalibration.Result result = PolicyCalibration.calibrate(policy, predicted, cost, quality, target);
        if (!result.reached()) {
            throw targetNode.error("target " + target + " cannot be met with these tiers on the " + n
                    + " calibration requests: closest mean cost $" + String.format("%.6f", result.meanCost())
                    + " per request, quality " + String.format("%.4f", result.meanQuality()));
        }
        LOG.info("n-tier: {} {} calibrated for {} on {} requests: ${} per 1,000 requests, quality {}",
                result.policy().name(), result.policy().parameter(), target, n,
                String.format("%.4f", result.meanCost() * 1000), String.format("%.4f", result.meanQuality()));
        return result.policy();
    }

    private static <T> T parse(ConfigNode location, String what, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw location.error("cannot load " + what + ": " + e.getMessage());
        }
    }
}
