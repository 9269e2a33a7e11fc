package io.github.router4j.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A pre-call decision: the tier to try first and why.
 *
 * @param tier        index of the first tier to call
 * @param reason      a short human-readable explanation, shown in routing information
 * @param score       the number the decision was made on (e.g. P(strong tier needed)), when there is one
 * @param predictions the predicted quality of every tier by tier name, in tier order, when the router predicts
 *                    one per tier (N-tier routers); empty otherwise
 */
public record Route(int tier, String reason, OptionalDouble score, Map<String, Double> predictions) {

    public Route {
        if (tier < 0) {
            throw new IllegalArgumentException("tier must be >= 0, was " + tier);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(score, "score");
        predictions = predictions == null || predictions.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
    }

    public Route(int tier, String reason, OptionalDouble score) {
        this(tier, reason, score, Map.of());
    }

    public static Route to(int tier, String reason) {
        return new Route(tier, reason, OptionalDouble.empty());
    }

    public static Route to(int tier, String reason, double score) {
        return new Route(tier, reason, OptionalDouble.of(score));
    }
}
