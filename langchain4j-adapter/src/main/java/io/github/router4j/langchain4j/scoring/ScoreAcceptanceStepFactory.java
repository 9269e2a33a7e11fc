package io.github.router4j.langchain4j.scoring;

import dev.langchain4j.model.chat.ChatModel;
import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Verdict;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.ThresholdPolicy;
import io.github.router4j.core.scoring.ScoreThresholdPolicy;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.config.AcceptanceStepFactory;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code strategy.acceptance.type: score}: a scoring spec as the cascade's acceptance test.
 * <pre>{@code
 * acceptance:
 *   type: score
 *   spec: childrens-story.yaml      # YAML or JSON, next to this file, classpath:..., or absolute
 *   threshold: 0.8                  # accept when the score (or P(good), with meta-verifier) >= this
 *   judge:                          # required when the spec has LLM_JUDGE sub-dimensions
 *     tier: cheap                   # this tier's model judges (tokens booked on the request); or ref: aModel
 *     samples: 5                    # yes/no votes per question
 *     temperature: 1.0
 *     log-probabilities: false      # one call with token log-probabilities (OpenAI), else votes
 *     context-chars: 4000           # cap on the conversation, tool calls and results the judge reads
 *   skip-judges: true               # don't ask judges when the other scores cannot reach the threshold
 *   meta-verifier: score-kde.json   # optional: P(good) from the score through the cascade's meta-verifier
 *   parallelism: 8
 *   timeout: 60s
 *   cache-size: 10000
 * }</pre>
 */
public final class ScoreAcceptanceStepFactory implements AcceptanceStepFactory {

    @Override
    public String type() {
        return "score";
    }

    @Override
    public AcceptanceStep create(ConfigNode params, ConfigContext context) {
        ConfigNode specNode = params.get("spec");
        ScoringSpec spec = SpecFiles.read(specNode, context);
        double threshold = params.get("threshold").asDoubleIn(0, 1);
        boolean skipJudges = params.get("skip-judges").asBoolean(true);
        AcceptancePolicy policy = ScoreThresholdPolicy.of(threshold);
        ConfigNode verifierNode = params.get("meta-verifier");
        if (!verifierNode.isMissing()) {
            try (InputStream in = context.open(verifierNode)) {
                policy = ScoreThresholdPolicy.scoreAsObservation(ThresholdPolicy.onPGood(
                        MetaVerifier.load(in, verifierNode.asText()), threshold));
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                throw verifierNode.error("cannot read the meta-verifier: " + e.getMessage());
            }
        }
        SpecScorer.Builder scorer = SpecFiles.scorer(spec, params, context);
        ConfigNode judge = params.get("judge");
        String judged = SpecFiles.firstJudged(spec);
        if (judge.isMissing()) {
            if (judged != null) {
                throw judge.expected("a judge ({tier: name} or {ref: model}), because " + judged + " is LLM_JUDGE");
            }
            return build(scorer, null, threshold, skipJudges, policy, specNode);
        }
        LlmJudge.Builder judgeBuilder = SpecFiles.judge(judge);
        if (judge.has("ref")) {
            ChatModel model = context.chatModel(judge.get("ref"));
            return build(scorer.judge(judgeBuilder.model(model).build()), null, threshold, skipJudges, policy, specNode);
        }
        ConfigNode tierNode = judge.get("tier");
        int tierIndex = context.tierIndex(tierNode);
        AcceptancePolicy decided = policy;
        return new JudgedByTier(ctx -> {
            Tier tier = ctx.tiers().get(tierIndex);
            return build(scorer.judge(judgeBuilder.model(tier.model()).build()), tier, threshold, skipJudges, decided, specNode);
        });
    }

    private static AcceptanceStep build(SpecScorer.Builder scorer, Tier judgeTier, double threshold, boolean skipJudges,
                                        AcceptancePolicy policy, ConfigNode specNode) {
        SpecScorer built;
        try {
            built = scorer.build();
        } catch (ScoringSpecException e) {
            throw specNode.error(specNode.asText() + ": " + e.getMessage());
        }
        SpecEvidenceSource source = SpecEvidenceSource.of(built, judgeTier);
        return AcceptanceStep.of(skipJudges ? source.skippingJudgesBelow(threshold) : source, policy);
    }

    /** Builds the step on first use, when the tiers' models are known. */
    private static final class JudgedByTier implements AcceptanceStep {
        private final java.util.function.Function<AcceptanceContext, AcceptanceStep> factory;
        private volatile AcceptanceStep step;

        JudgedByTier(java.util.function.Function<AcceptanceContext, AcceptanceStep> factory) {
            this.factory = factory;
        }

        @Override
        public Verdict check(AcceptanceContext context) {
            AcceptanceStep s = step;
            if (s == null) {
                synchronized (this) {
                    if (step == null) {
                        step = factory.apply(context);
                    }
                    s = step;
                }
            }
            return s.check(context);
        }
    }
}
