package io.github.router4j.core.cascade;

import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import java.util.List;
import java.util.Set;

/** Three tiers as in the worked example, and attempts carrying a self-evaluation share. */
final class CascadeFixtures {

    static final List<TierInfo> TIERS = List.of(
            new TierInfo("small", 0, 0.2, 0.6, Set.of()),
            new TierInfo("medium", 1, 1.0, 3.0, Set.of()),
            new TierInfo("large", 2, 5.0, 15.0, Set.of()));
    static final TierCosts COSTS = TierCosts.relative(1, 1.2, 1.5);

    private CascadeFixtures() {
    }

    static Attempt attempt(int tier, double share) {
        return attempt(tier, Evidence.of(Evidence.SELF_EVALUATION_SHARE, share).with(Evidence.SELF_EVALUATION_VOTES, 8));
    }

    static Attempt attempt(int tier, Evidence evidence) {
        return new Attempt(RoutingRequest.of("What is 6 x 7?"), TIERS.get(tier), TIERS, "42", evidence);
    }
}
