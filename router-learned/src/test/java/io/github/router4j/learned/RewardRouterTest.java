package io.github.router4j.learned;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RewardRouterTest {

    private static final List<TierInfo> TIERS = List.of(
            new TierInfo("small", 0, 0.2, 0.6, Set.of()),
            new TierInfo("large", 1, 5, 15, Set.of()));
    private static final RoutingRequest REQUEST = RoutingRequest.of("x".repeat(400));
    private static final QualityPredictor QUALITY = QualityPredictor.constant(Map.of("small", 0.70, "large", 0.80));

    @Test
    void prefersTheCheaperTierUntilQualityOutweighsCost() {
        // expected cost: 100 input + 256 output tokens: small $0.0001736, large $0.004340
        RewardRouter costConscious = RewardRouter.builder().quality(QUALITY).costWeight(100).build();
        RewardRouter qualityFirst = RewardRouter.builder().quality(QUALITY).costWeight(10).build();

        assertThat(costConscious.route(REQUEST, TIERS).tier()).isZero();
        assertThat(qualityFirst.route(REQUEST, TIERS).tier()).isEqualTo(1);
        assertThat(costConscious.rewards(REQUEST, TIERS)[1]).isCloseTo(0.80 - 100 * 0.00434, within(1e-9));
    }

    @Test
    void latencyWeightsSteerAwayFromTheSlowTier() {
        LatencyStats latency = LatencyStats.create(Map.of(
                "small", new LatencyStats.Estimate(0.2, 0.002),
                "large", new LatencyStats.Estimate(0.3, 0.030)));
        RewardRouter qualityOnly = RewardRouter.builder().quality(QUALITY).latency(latency).build();
        RewardRouter streamingMatters = RewardRouter.builder().quality(QUALITY).latency(latency).itlWeight(1).build();

        assertThat(qualityOnly.route(REQUEST, TIERS).tier()).isEqualTo(1);
        // small: 0.70 - 0.002 * 256 = 0.188; large: 0.80 - 0.030 * 256 = -6.88
        assertThat(streamingMatters.route(REQUEST, TIERS).tier()).isZero();
        assertThat(streamingMatters.rewards(REQUEST, TIERS)[0]).isCloseTo(0.188, within(1e-9));
    }

    @Test
    void reactsToMeasuredLatency() {
        LatencyStats latency = LatencyStats.create(0.5, new LatencyStats.Estimate(0, 0), Map.of(
                "small", new LatencyStats.Estimate(0.2, 0.01),
                "large", new LatencyStats.Estimate(0.2, 0.01)));
        RewardRouter router = RewardRouter.builder().quality(QUALITY).latency(latency).ttftWeight(0.1).build();
        assertThat(router.route(REQUEST, TIERS).tier()).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            latency.recordStreaming("large", Duration.ofSeconds(3), Duration.ofSeconds(5), 101);
        }

        assertThat(latency.estimate("large").ttftSeconds()).isCloseTo(2.9, within(0.05));
        assertThat(latency.estimate("large").itlSeconds()).isCloseTo(0.02, within(0.001));
        assertThat(router.route(REQUEST, TIERS).tier()).isZero();
    }

    @Test
    void aBlockingCallUpdatesTimeToFirstTokenUsingTheInterTokenEstimate() {
        LatencyStats latency = LatencyStats.create(1, new LatencyStats.Estimate(0, 0),
                Map.of("large", new LatencyStats.Estimate(0.5, 0.02)));

        latency.recordBlocking("large", Duration.ofMillis(2500), 101);

        assertThat(latency.estimate("large").ttftSeconds()).isCloseTo(0.5, within(1e-9));
        assertThat(latency.estimate("large").itlSeconds()).isCloseTo(0.02, within(1e-12));
    }
}
