package io.github.router4j.core.routing;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.util.List;

/**
 * Routes every request to the cheapest tier that supports what it needs; a tier that fails hands the
 * request to the next stronger one (the caller's fallback), so this is "cheapest first, escalate on
 * error".
 */
public final class CheapestFirstRouter implements Router {

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        for (TierInfo tier : tiers) {
            if (tier.supports(request.requiredCapabilities())) {
                return Route.to(tier.index(), "cheapest first: '" + tier.name() + "'");
            }
        }
        return Route.to(0, "cheapest first: no tier supports " + request.requiredCapabilities());
    }

    @Override
    public String toString() {
        return "CheapestFirstRouter";
    }
}
