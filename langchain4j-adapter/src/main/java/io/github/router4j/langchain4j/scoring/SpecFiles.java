package io.github.router4j.langchain4j.scoring;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.learned.LearnedRouter;
import io.github.router4j.core.learned.LearnedRouters;
import io.github.router4j.core.scoring.CustomModels;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.embedding.DefaultEmbeddingModels;

import java.io.IOException;
import java.io.InputStream;

/** Reads the scoring spec a YAML strategy names ({@code spec: file}), turning spec errors into YAML-path errors. */
final class SpecFiles {

    private SpecFiles() {
    }

    /** What a learned router registered as a custom model scores. */
    enum CustomScore { DIFFICULTY, EASINESS }

    static ScoringSpec read(ConfigNode location, ConfigContext context) {
        String text = context.readString(location);
        try {
            return ScoringSpecs.fromYaml(text, location.asText());
        } catch (ScoringSpecException e) {
            throw location.error(e.getMessage());
        }
    }

    /** The first LLM_JUDGE sub-dimension's path, or null when the spec has none. */
    static String firstJudged(ScoringSpec spec) {
        for (int k = 0; k < spec.subDimensionCount(); k++) {
            if (spec.flatSubDimensions().get(k).scoringType() == io.github.router4j.core.scoring.ScoringType.LLM_JUDGE) {
                return spec.subDimensionPath(k);
            }
        }
        return null;
    }

    /**
     * {@code custom-models: {id: trained-router.json, other: {file: router.json, score: easiness}}}: learned
     * routers (files or {@code classpath:}) registered as {@code CUSTOM_MODEL}s scoring P(strong tier needed)
     * ({@code score: difficulty}, the default) or its complement ({@code easiness}); they embed with the
     * in-process all-MiniLM-L6-v2 the train command uses.
     */
    static CustomModels customModels(ConfigNode custom, ConfigContext context) {
        CustomModels models = CustomModels.none();
        EmbeddingModel embeddings = null;
        for (String id : custom.fieldNames()) {
            ConfigNode entry = custom.get(id);
            ConfigNode location = entry.isObject() ? entry.get("file") : entry;
            CustomScore score = entry.isObject() && !entry.get("score").isMissing()
                    ? entry.get("score").asEnum(CustomScore.class) : CustomScore.DIFFICULTY;
            LearnedRouter router;
            try (InputStream in = context.open(location)) {
                router = LearnedRouters.load(in, location.asText());
            } catch (IOException | RuntimeException e) {
                throw location.error("cannot load a trained router for custom model '" + id + "': " + e.getMessage());
            }
            if (embeddings == null) {
                embeddings = DefaultEmbeddingModels.routingDefault();
            }
            models = models.with(id, score == CustomScore.EASINESS ? LearnedRouterModel.easiness(router, embeddings)
                    : LearnedRouterModel.difficulty(router, embeddings));
        }
        return models;
    }

    static SpecScorer.Builder scorer(ScoringSpec spec, ConfigNode params, ConfigContext context) {
        SpecScorer.Builder b = SpecScorer.builder().spec(spec)
                .parallelism(params.get("parallelism").asIntIn(1, 256, 8))
                .cacheSize(params.get("cache-size").asIntIn(0, Integer.MAX_VALUE, 10_000));
        ConfigNode custom = params.get("custom-models");
        if (!custom.isMissing()) {
            b.customModels(customModels(custom, context));
        }
        ConfigNode timeout = params.get("timeout");
        if (!timeout.isMissing()) {
            b.timeout(timeout.asDuration());
        }
        return b;
    }

    static LlmJudge.Builder judge(ConfigNode judge) {
        return LlmJudge.builder().samples(judge.get("samples").asIntIn(1, 100, 5))
                .temperature(judge.get("temperature").asDoubleIn(0, 2, 1.0))
                .logProbabilities(judge.get("log-probabilities").asBoolean(false));
    }
}
