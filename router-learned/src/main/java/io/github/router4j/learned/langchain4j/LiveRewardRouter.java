package io.github.router4j.learned.langchain4j;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.learned.RewardRouter;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.RoutingListener;

import java.util.List;
import java.util.Objects;

/**
 * A {@link RewardRouter} that measures its tiers' latency itself: as the router of a {@code TieredChatModel} it
 * hears about every routed request (a router that is a {@link RoutingListener} is told), and feeds each tier call's
 * time to first token and inter-token latency into the reward router's {@code LatencyStats}. Thread-safe.
 */
public final class LiveRewardRouter implements Router, RoutingListener {

    private final RewardRouter router;
    private final LatencyListener latency;

    public LiveRewardRouter(RewardRouter router) {
        this.router = Objects.requireNonNull(router, "router");
        this.latency = new LatencyListener(router.latency());
    }

    public RewardRouter rewardRouter() {
        return router;
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        return router.route(request, tiers);
    }

    @Override
    public void onRouted(RoutingEvent event) {
        latency.onRouted(event);
    }
}
