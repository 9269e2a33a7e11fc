package io.github.router4j.learned.langchain4j;

import io.github.router4j.core.Router;
import io.github.router4j.learned.EloRatings;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.config.RouterFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code type: elo}: the cheapest tier whose expected score against the best-rated tier is at least
 * {@code min-expected-score} (default 0.45), ratings by tier name from a file saved by {@code router4j train
 * --router elo} or given inline.
 *
 * <pre>{@code
 * router:
 *   type: elo
 *   ratings: {cheap: 1150, strong: 1210}     # or model: elo.json
 *   min-expected-score: 0.45
 * }</pre>
 */
public final class EloRouterFactory implements RouterFactory {

    @Override
    public String type() {
        return "elo";
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        params.expectFields("type", "model", "ratings", "min-expected-score");
        EloRatings ratings;
        if (params.has("model") == params.has("ratings")) {
            throw params.error("give either 'model' (an Elo ratings file) or 'ratings' (tier name: rating)");
        }
        if (params.has("model")) {
            ratings = LearnedRouterFactory.read(params.get("model"), context, EloRatings::load, "the Elo ratings");
        } else {
            Map<String, Double> inline = new LinkedHashMap<>();
            params.get("ratings").fields().forEach((name, value) -> inline.put(name, value.asDouble()));
            ratings = EloRatings.of(inline);
        }
        for (var tier : context.tiers()) {
            if (!ratings.ratings().containsKey(tier.name())) {
                throw params.get(params.has("model") ? "model" : "ratings").error("has no rating for tier '"
                        + tier.name() + "'; rated: " + ratings.ratings().keySet());
            }
        }
        return ratings.router(params.get("min-expected-score").asDoubleIn(0, 0.5, 0.45));
    }
}
