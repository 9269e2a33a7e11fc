package io.github.router4j.langchain4j.scoring;

import io.github.router4j.core.scoring.CustomModels;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.core.scoring.ScoringType;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Reads the scoring spec a YAML strategy names ({@code spec: file}), turning spec errors into YAML-path errors. */
final class SpecFiles {

    private SpecFiles() {
    }

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
            if (spec.flatSubDimensions().get(k).scoringType() == ScoringType.LLM_JUDGE) {
                return spec.subDimensionPath(k);
            }
        }
        return null;
    }

    /**
     * {@code custom-models: {id: entry, ...}}: each entry built by the {@link CustomModelFactory} found on the
     * classpath ({@code router4j-learned} registers trained routers this way).
     */
    static CustomModels customModels(ConfigNode custom, ConfigContext context) {
        List<CustomModelFactory> factories = new ArrayList<>();
        ServiceLoader.load(CustomModelFactory.class, SpecFiles.class.getClassLoader()).forEach(factories::add);
        if (factories.isEmpty()) {
            throw custom.error("custom models need a CustomModelFactory on the classpath; trained routers as custom"
                    + " models need the artifact io.github.router4j:router4j-learned");
        }
        if (factories.size() > 1) {
            throw custom.error("two CustomModelFactory implementations are on the classpath: "
                    + factories.stream().map(f -> f.getClass().getName()).toList() + "; remove one");
        }
        CustomModelFactory factory = factories.get(0);
        CustomModels models = CustomModels.none();
        for (String id : custom.fieldNames()) {
            models = models.with(id, factory.create(id, custom.get(id), context));
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
                .logProbabilities(judge.get("log-probabilities").asBoolean(false))
                .contextChars(judge.get("context-chars").asIntIn(0, 1_000_000, io.github.router4j.langchain4j.Transcript.DEFAULT_MAX_CHARS));
    }
}
