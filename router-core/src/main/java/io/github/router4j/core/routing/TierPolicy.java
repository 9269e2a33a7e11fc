package io.github.router4j.core.routing;

/**
 * Turns the predicted quality and the expected cost of every tier into the tier to call. One parameter trades
 * quality for cost ({@link #parameter()}: larger = cheaper choices), so {@link PolicyCalibration} can set it for a
 * budget, a cost share or a quality target, and an evaluation can sweep it into a cost–quality curve.
 * Implementations are immutable and thread-safe.
 */
public interface TierPolicy {

    /**
     * @param quality  predicted quality per tier; {@code NaN} = unknown, never chosen
     * @param cost     expected dollars per tier for this request
     * @param eligible whether each tier may answer (capabilities)
     * @return the chosen tier, or -1 when no tier is eligible with a known quality
     */
    int choose(double[] quality, double[] cost, boolean[] eligible);

    /** The trade-off parameter (λ or ε); larger means cheaper choices. */
    double parameter();

    /** The same policy with another parameter. */
    TierPolicy withParameter(double parameter);

    /** The policy's name, e.g. {@code reward} or {@code epsilon}. */
    String name();

    /**
     * Unify-style reward: the tier maximising {@code quality - lambda * cost} (cost in dollars), the cheaper one on a
     * tie.
     */
    static TierPolicy reward(double lambda) {
        return new RewardTierPolicy(lambda);
    }

    /** The cheapest tier whose predicted quality is within {@code epsilon} of the best predicted quality. */
    static TierPolicy withinEpsilon(double epsilon) {
        return new EpsilonTierPolicy(epsilon);
    }

    /** {@code reward} or {@code epsilon} with its parameter. */
    static TierPolicy of(String name, double parameter) {
        return switch (name) {
            case RewardTierPolicy.NAME -> reward(parameter);
            case EpsilonTierPolicy.NAME -> withinEpsilon(parameter);
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'; expected "
                    + RewardTierPolicy.NAME + " or " + EpsilonTierPolicy.NAME);
        };
    }
}
