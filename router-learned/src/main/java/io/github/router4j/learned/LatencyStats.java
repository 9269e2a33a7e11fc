package io.github.router4j.learned;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live time-to-first-token (TTFT) and inter-token latency (ITL) per tier, as exponential moving averages seeded
 * from configuration. Streaming calls give both: TTFT directly, ITL = (duration - TTFT) / (output tokens - 1).
 * A non-streaming call gives TTFT = duration - ITL x (output tokens - 1) with the current ITL estimate.
 * Thread-safe; the one mutable piece of the reward router, fed by the adapter's routing listener.
 */
public final class LatencyStats {

    /**
     * Current estimate for one tier.
     *
     * @param ttftSeconds time to first token
     * @param itlSeconds  time between output tokens
     */
    public record Estimate(double ttftSeconds, double itlSeconds) {
    }

    private final double alpha;
    private final Estimate fallback;
    private final Map<String, Estimate> estimates = new ConcurrentHashMap<>();

    private LatencyStats(double alpha, Estimate fallback, Map<String, Estimate> seeds) {
        this.alpha = alpha;
        this.fallback = fallback;
        estimates.putAll(seeds);
    }

    /**
     * @param alpha    weight of each new observation in the moving average, in (0, 1]
     * @param fallback estimate for tiers that were neither seeded nor measured
     * @param seeds    initial estimates by tier name
     */
    public static LatencyStats create(double alpha, Estimate fallback, Map<String, Estimate> seeds) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        return new LatencyStats(alpha, Objects.requireNonNull(fallback, "fallback"), seeds);
    }

    /** alpha 0.2, unknown tiers 0 s / 0 s. */
    public static LatencyStats create(Map<String, Estimate> seeds) {
        return create(0.2, new Estimate(0, 0), seeds);
    }

    public Estimate estimate(String tier) {
        return estimates.getOrDefault(tier, fallback);
    }

    /** A streaming call: first token after {@code ttft}, finished after {@code total}, {@code outputTokens} produced. */
    public void recordStreaming(String tier, Duration ttft, Duration total, int outputTokens) {
        double first = seconds(ttft);
        double itl = outputTokens > 1 ? Math.max(0, seconds(total) - first) / (outputTokens - 1) : Double.NaN;
        update(tier, first, itl);
    }

    /** A non-streaming call that took {@code total} and produced {@code outputTokens}. */
    public void recordBlocking(String tier, Duration total, int outputTokens) {
        double itl = estimate(tier).itlSeconds();
        update(tier, Math.max(0, seconds(total) - itl * Math.max(0, outputTokens - 1)), Double.NaN);
    }

    private void update(String tier, double ttft, double itl) {
        estimates.compute(tier, (name, old) -> {
            Estimate base = old == null ? fallback : old;
            double t = old == null ? ttft : base.ttftSeconds() + alpha * (ttft - base.ttftSeconds());
            double i = Double.isNaN(itl) ? base.itlSeconds()
                    : old == null ? itl : base.itlSeconds() + alpha * (itl - base.itlSeconds());
            return new Estimate(t, i);
        });
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Override
    public String toString() {
        return "LatencyStats" + estimates;
    }
}
