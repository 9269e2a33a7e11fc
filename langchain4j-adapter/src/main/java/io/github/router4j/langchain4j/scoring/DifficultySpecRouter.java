package io.github.router4j.langchain4j.scoring;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.scoring.SpecScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Picks the starting tier by scoring the request itself with a difficulty spec (the Pi "difficulty
 * scorer"): the routing text is scored as both input and output, so a code scorer sees it as
 * {@code response} and a judge prompt should ask about the request. With thresholds
 * t<sub>1</sub> &le; t<sub>2</sub> &le; ... the request starts at the tier whose index is the number of
 * thresholds the difficulty reaches (capped at the last tier); by default the thresholds split [0, 1]
 * evenly over the tiers. A request that cannot be scored starts at the cheapest tier (the cascade, if
 * any, still checks the answer).
 *
 * <p>Unlike the routers in router-core this one may call a judge model before the call, when the spec
 * has LLM_JUDGE sub-dimensions; results are cached by the scorer.
 */
public final class DifficultySpecRouter implements Router {

    private final SpecScorer scorer;
    private final List<Double> thresholds;

    private DifficultySpecRouter(SpecScorer scorer, List<Double> thresholds) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < thresholds.size(); i++) {
            double t = thresholds.get(i);
            if (!(t >= 0 && t <= 1) || t < previous) {
                throw new IllegalArgumentException("thresholds[" + i + "]: expected non-decreasing numbers in [0, 1], got "
                        + thresholds);
            }
            previous = t;
        }
        this.thresholds = List.copyOf(thresholds);
    }

    /** Evenly split thresholds for the given number of tiers. */
    public static DifficultySpecRouter of(SpecScorer scorer) {
        return new DifficultySpecRouter(scorer, List.of());
    }

    public static DifficultySpecRouter of(SpecScorer scorer, List<Double> thresholds) {
        return new DifficultySpecRouter(scorer, thresholds);
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        SpecScore score = scorer.score(request.text(), request.text());
        if (!score.isScored()) {
            return Route.to(0, "difficulty not scored; starting with the cheapest tier");
        }
        double difficulty = score.total();
        List<Double> t = thresholds.isEmpty() ? even(tiers.size()) : thresholds;
        int tier = 0;
        while (tier < t.size() && difficulty >= t.get(tier)) {
            tier++;
        }
        tier = Math.min(tier, tiers.size() - 1);
        return Route.to(tier, String.format(Locale.ROOT, "difficulty %.3f (thresholds %s) -> %s", difficulty, t,
                tiers.get(tier).name()), difficulty);
    }

    private static List<Double> even(int tiers) {
        List<Double> t = new ArrayList<>();
        for (int i = 1; i < tiers; i++) {
            t.add((double) i / tiers);
        }
        return t;
    }
}
