package io.github.router4j.core.eval;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.util.List;

/**
 * A two-model router's score for a request: higher means the strong model is more needed (e.g.
 * P(strong model wins)). The evaluation sweeps a threshold over these scores.
 */
@FunctionalInterface
public interface StrongScorer {

    double strongScore(RoutingRequest request);

    /**
     * The score a {@link Router} reports in {@link Route#score()} when routing between
     * {@code tiers}; fails when the router reports none.
     */
    static StrongScorer of(Router router, List<TierInfo> tiers) {
        return request -> {
            Route route = router.route(request, tiers);
            if (route.score().isEmpty()) {
                throw new IllegalStateException("router " + router.getClass().getSimpleName()
                        + " reports no score; the evaluation needs one to sweep a threshold");
            }
            return route.score().getAsDouble();
        };
    }

    /** Routes to the last (strong) tier when the score is at least {@code threshold}, else to the first. */
    static Route route(double score, double threshold, List<TierInfo> tiers, String name) {
        return score >= threshold
                ? Route.to(tiers.size() - 1, name + " score " + String.format("%.3f", score) + " >= threshold", score)
                : Route.to(0, name + " score " + String.format("%.3f", score) + " < threshold", score);
    }
}
