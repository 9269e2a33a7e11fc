package io.github.router4j.core;

import java.util.List;

/**
 * Decides before the call which tier answers first. Implementations are immutable and thread-safe;
 * they never call a model (embeddings arrive through {@link RoutingRequest#embedding()}).
 */
@FunctionalInterface
public interface Router {

    /**
     * @param request what is known about the request
     * @param tiers   the tiers, cheapest first; never empty
     * @return the tier to try first, an index into {@code tiers}
     */
    Route route(RoutingRequest request, List<TierInfo> tiers);
}
