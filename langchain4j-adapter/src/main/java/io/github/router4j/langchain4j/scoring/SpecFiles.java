package io.github.router4j.langchain4j.scoring;

import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;

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
            if (spec.flatSubDimensions().get(k).scoringType() == io.github.router4j.core.scoring.ScoringType.LLM_JUDGE) {
                return spec.subDimensionPath(k);
            }
        }
        return null;
    }

    static SpecScorer.Builder scorer(ScoringSpec spec, ConfigNode params) {
        SpecScorer.Builder b = SpecScorer.builder().spec(spec)
                .parallelism(params.get("parallelism").asIntIn(1, 256, 8))
                .cacheSize(params.get("cache-size").asIntIn(0, Integer.MAX_VALUE, 10_000));
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
