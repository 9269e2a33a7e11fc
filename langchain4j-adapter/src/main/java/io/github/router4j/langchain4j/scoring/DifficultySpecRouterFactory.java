package io.github.router4j.langchain4j.scoring;

import io.github.router4j.core.Router;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.config.RouterFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code strategy.router.type: difficulty-spec}: scores the request with a difficulty spec and picks
 * the starting tier ({@link DifficultySpecRouter}).
 * <pre>{@code
 * router:
 *   type: difficulty-spec
 *   spec: difficulty.yaml     # CODE and CUSTOM_MODEL sub-dimensions only: routers get no models in YAML
 *   thresholds: [0.5]         # optional; default: [0, 1] split evenly over the tiers
 * }</pre>
 * A difficulty spec judged by an LLM is built in code: {@code DifficultySpecRouter.of(SpecScorer)}.
 */
public final class DifficultySpecRouterFactory implements RouterFactory {

    @Override
    public String type() {
        return "difficulty-spec";
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        ConfigNode specNode = params.get("spec");
        ScoringSpec spec = SpecFiles.read(specNode, context);
        String judged = SpecFiles.firstJudged(spec);
        if (judged != null) {
            throw specNode.error(specNode.asText() + ": " + judged + " is LLM_JUDGE, but a YAML router has no judge model;"
                    + " use CODE or CUSTOM_MODEL sub-dimensions, or build DifficultySpecRouter in code");
        }
        List<Double> thresholds = new ArrayList<>();
        for (ConfigNode t : params.get("thresholds").elements()) {
            thresholds.add(t.asDoubleIn(0, 1));
        }
        try {
            return DifficultySpecRouter.of(SpecFiles.scorer(spec, params, context).build(), thresholds);
        } catch (ScoringSpecException e) {
            throw specNode.error(specNode.asText() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw params.get("thresholds").error(e.getMessage());
        }
    }
}
