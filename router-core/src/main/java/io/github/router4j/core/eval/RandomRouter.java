package io.github.router4j.core.eval;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The random baseline: each request gets a uniform score in [0, 1) drawn from its text and a seed,
 * so the same request always gets the same decision; sends it to the strong tier when the score is
 * at least the threshold (so a threshold t sends about 1 − t of the requests there).
 */
public final class RandomRouter implements Router, StrongScorer {

    private final long seed;
    private final double threshold;

    public RandomRouter(long seed, double threshold) {
        this.seed = seed;
        this.threshold = threshold;
    }

    public RandomRouter(long seed) {
        this(seed, 0.5);
    }

    @Override
    public double strongScore(RoutingRequest request) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + request.text().hashCode()
                + 31L * request.context().hashCode()).nextDouble();
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        return StrongScorer.route(strongScore(request), threshold, tiers, "random");
    }
}
