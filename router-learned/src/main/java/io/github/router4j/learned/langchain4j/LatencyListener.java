package io.github.router4j.learned.langchain4j;

import io.github.router4j.learned.LatencyStats;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.RoutingListener;
import io.github.router4j.langchain4j.TierCall;

import java.util.Objects;

/**
 * Feeds every tier call's measured latency into the {@link LatencyStats} a
 * {@link io.github.router4j.learned.RewardRouter} reads: streaming calls give time to first token and
 * inter-token latency, non-streaming calls their total duration. Failed calls are not measured.
 * Register it with {@code TieredChatModel.builder().routingListener(...)}.
 */
public final class LatencyListener implements RoutingListener {

    private final LatencyStats stats;

    public LatencyListener(LatencyStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void onRouted(RoutingEvent event) {
        for (TierCall call : event.routingInfo().calls()) {
            if (call.outcome() == TierCall.Outcome.FAILED) {
                continue;
            }
            int tokens = call.outputTokens() > 0 ? call.outputTokens() : call.streamedChunks();
            if (call.timeToFirstToken().isPresent()) {
                stats.recordStreaming(call.tier(), call.timeToFirstToken().get(), call.duration(), tokens);
            } else {
                stats.recordBlocking(call.tier(), call.duration(), tokens);
            }
        }
    }
}
