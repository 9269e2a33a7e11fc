package io.github.router4j.core.eval;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.data.RecordedRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The upper bound: knows the recorded outcome of every request (looked up by prompt) and scores it
 * by the strong model's quality advantage, mapped to [0, 1] as (1 + strong − weak) / 2. Only
 * meaningful on the data it was built from.
 */
public final class OracleRouter implements Router, StrongScorer {

    private final Map<String, Double> advantage = new HashMap<>();
    private final double threshold;

    public OracleRouter(List<RecordedRequest> requests, String weak, String strong, double threshold) {
        for (RecordedRequest r : requests) {
            advantage.merge(r.prompt(), r.quality(strong) - r.quality(weak), Math::max);
        }
        this.threshold = threshold;
    }

    public OracleRouter(List<RecordedRequest> requests, String weak, String strong) {
        this(requests, weak, strong, 0.75);
    }

    @Override
    public double strongScore(RoutingRequest request) {
        Double a = advantage.get(request.text());
        if (a == null) {
            throw new IllegalArgumentException("the oracle has no recorded outcome for " + request);
        }
        return (1 + a) / 2;
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        return StrongScorer.route(strongScore(request), threshold, tiers, "oracle");
    }
}
