package io.github.router4j.langchain4j.cascade;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.PomdpPolicy;
import io.github.router4j.core.cascade.RewardPolicy;
import io.github.router4j.core.cascade.ThresholdPolicy;
import io.github.router4j.core.cascade.TierCosts;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.Transcript;
import io.github.router4j.langchain4j.config.AcceptanceStepFactory;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strategy.acceptance.type: self-evaluation}: the AutoMix cascade, {@link SelfEvaluation}
 * votes judged by a meta-verifier and a decision policy.
 * <pre>{@code
 * acceptance:
 *   type: self-evaluation
 *   samples: 8                      # k votes per answer
 *   temperature: 1.0
 *   timeout: 60s                    # per vote, from when it starts
 *   concurrency: 512                # most threads for the votes (default: samples x 64)
 *   structured-output: true         # JSON schema verdict where the tier supports it
 *   prompt: "..."                   # optional template with {{context}}, {{question}}, {{answer}}
 *   context-chars: 4000             # cap on {{context}}: conversation, tool calls and results, oldest cut first
 *   meta-verifier: meta-verifier.json   # from `router4j calibrate`: next to this file, classpath:..., absolute
 *   policy: reward                  # reward (default) | pomdp | threshold
 *   lambda: 0.5                     # reward: escalate when P(good) <= lambda * cost(next tier)
 *   costs: [1, 1.2, 1.5]            # relative cost units per tier (or {tierName: units}); or instead
 *   price-per-request: {input-tokens: 1000, output-tokens: 500}   # dollars per request from tier prices
 *   accuracies: [0.6, 0.75, 0.9]    # pomdp: P(good answer) of each tier; reward: optional, decides on
 *                                   #   P(good) given every tier tried so far
 *   observation-bins: 21            # pomdp
 *   threshold: 0.5                  # threshold: on P(good) with a meta-verifier, on the raw share without
 * }</pre>
 */
public final class SelfEvaluationAcceptanceFactory implements AcceptanceStepFactory {

    @Override
    public String type() {
        return "self-evaluation";
    }

    @Override
    public AcceptanceStep create(ConfigNode params, ConfigContext context) {
        params.expectFields("type", "samples", "temperature", "timeout", "concurrency", "structured-output", "prompt",
                "meta-verifier", "policy", "lambda", "costs", "price-per-request", "accuracies", "observation-bins",
                "threshold", "context-chars");
        int samples = params.get("samples").asIntIn(1, 1000, 8);
        SelfEvaluation.Builder evaluation = SelfEvaluation.builder()
                .samples(samples)
                .temperature(params.get("temperature").asDoubleIn(0, 2, 1.0))
                .timeout(params.get("timeout").asDuration(Duration.ofSeconds(60)))
                .structuredOutput(params.get("structured-output").asBoolean(true))
                .maxConcurrency(params.get("concurrency").asIntIn(1, 100_000,
                        samples * SelfEvaluation.DEFAULT_CONCURRENT_REQUESTS))
                .contextChars(params.get("context-chars").asIntIn(0, 1_000_000, Transcript.DEFAULT_MAX_CHARS));
        if (params.has("prompt")) {
            ConfigNode prompt = params.get("prompt");
            if (!prompt.asText().contains("{{answer}}")) {
                throw prompt.expected("a template containing {{answer}} (and usually {{question}}, {{context}})");
            }
            evaluation.prompt(prompt.asText());
        }
        MetaVerifier verifier = params.has("meta-verifier") ? metaVerifier(params.get("meta-verifier"), context) : null;
        ConfigNode policyNode = params.get("policy");
        String policyName = policyNode.isMissing() ? "reward" : policyNode.asOneOf("reward", "pomdp", "threshold");
        AcceptancePolicy policy = switch (policyName) {
            case "threshold" -> {
                double t = params.get("threshold").asDoubleIn(0, 1);
                yield verifier == null ? ThresholdPolicy.onShare(t) : ThresholdPolicy.onPGood(verifier, t);
            }
            case "pomdp" -> PomdpPolicy.builder()
                    .metaVerifier(require(verifier, params, policyName))
                    .lambda(lambda(params))
                    .costs(costs(params, context))
                    .tierAccuracies(accuracies(params.get("accuracies"), context))
                    .observationBins(params.get("observation-bins").asIntIn(2, 1001, 21))
                    .build();
            default -> {
                RewardPolicy.Builder reward = RewardPolicy.builder()
                        .metaVerifier(require(verifier, params, policyName))
                        .lambda(lambda(params))
                        .costs(costs(params, context));
                if (params.has("accuracies")) {
                    reward.tierAccuracies(accuracies(params.get("accuracies"), context));
                }
                yield reward.build();
            }
        };
        return AcceptanceStep.of(evaluation.build(), policy);
    }

    private static double lambda(ConfigNode params) {
        return params.has("lambda") ? params.get("lambda").asNonNegative() : 0.5;
    }

    private static MetaVerifier require(MetaVerifier verifier, ConfigNode params, String policy) {
        if (verifier == null) {
            throw params.get("meta-verifier").expected("a meta-verifier JSON file (router4j calibrate), needed by policy "
                    + policy);
        }
        return verifier;
    }

    private static MetaVerifier metaVerifier(ConfigNode node, ConfigContext context) {
        try (InputStream in = context.open(node)) {
            return MetaVerifier.load(in, node.asText());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw node.error("cannot read the meta-verifier: " + e.getMessage());
        }
    }

    private static TierCosts costs(ConfigNode params, ConfigContext context) {
        ConfigNode costs = params.get("costs");
        ConfigNode perRequest = params.get("price-per-request");
        List<TierInfo> tiers = context.tiers();
        if (costs.isMissing() == perRequest.isMissing()) {
            throw (costs.isMissing() ? costs : perRequest).error(
                    "give either costs (relative units per tier) or price-per-request (tokens of a typical request), not "
                            + (costs.isMissing() ? "neither" : "both"));
        }
        if (!perRequest.isMissing()) {
            perRequest.expectFields("input-tokens", "output-tokens");
            return TierCosts.pricePerRequest(perRequest.get("input-tokens").asIntIn(0, Integer.MAX_VALUE),
                    perRequest.get("output-tokens").asIntIn(0, Integer.MAX_VALUE));
        }
        if (costs.isList()) {
            List<ConfigNode> units = costs.elements();
            if (units.size() != tiers.size()) {
                throw costs.expected("one cost per tier (" + tiers.size() + "), got " + units.size());
            }
            return TierCosts.relative(units.stream().mapToDouble(ConfigNode::asNonNegative).toArray());
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : costs.fields().entrySet()) {
            if (tiers.stream().noneMatch(t -> t.name().equals(e.getKey()))) {
                throw e.getValue().error("unknown tier '" + e.getKey() + "'; tiers are "
                        + tiers.stream().map(TierInfo::name).toList());
            }
            byName.put(e.getKey(), e.getValue().asNonNegative());
        }
        for (TierInfo t : tiers) {
            if (!byName.containsKey(t.name())) {
                throw costs.error("no cost for tier '" + t.name() + "'; give one per tier");
            }
        }
        return TierCosts.relative(byName);
    }

    private static double[] accuracies(ConfigNode node, ConfigContext context) {
        List<ConfigNode> values = node.elements();
        if (values.size() != context.tiers().size()) {
            throw node.expected("one accuracy (P(good answer)) per tier (" + context.tiers().size() + "), got " + values.size());
        }
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i).asDoubleIn(0, 1);
            if (i > 0 && a[i] < a[i - 1]) {
                throw values.get(i).error("accuracies must not decrease from cheap to strong tiers; " + a[i]
                        + " is below " + a[i - 1]);
            }
        }
        return a;
    }
}
