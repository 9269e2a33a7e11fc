package io.github.router4j.core.routing;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.util.List;

/** Routes every request to one tier, e.g. to pin an application to a model or for a baseline. */
public final class FixedTierRouter implements Router {

    private final TierRef tier;

    private FixedTierRouter(TierRef tier) {
        this.tier = tier;
    }

    /** The tier with this name. */
    public static FixedTierRouter named(String name) {
        return new FixedTierRouter(TierRef.named(name));
    }

    /** The tier at this position, 0 = cheapest. */
    public static FixedTierRouter at(int index) {
        return new FixedTierRouter(TierRef.at(index));
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        TierInfo target = tier.resolve(tiers);
        return Route.to(target.index(), "fixed tier '" + target.name() + "'");
    }

    @Override
    public String toString() {
        return "FixedTierRouter{" + tier + '}';
    }
}
