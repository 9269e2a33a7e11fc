package io.github.router4j.core.cascade;

import io.github.router4j.core.TierInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The cost of calling a tier once, in the unit λ is expressed against (see {@link RewardPolicy}
 * and {@link PomdpPolicy}). Two normalisations:
 * <ul>
 *   <li>{@link #relative(double...)}: relative cost units per tier, e.g. 1, 1.2, 1.5 — λ is then
 *       "probability of a good answer per cost unit";</li>
 *   <li>{@link #pricePerRequest(long, long)}: dollars for a typical request, from each tier's
 *       prices per million tokens — λ is then "probability of a good answer per dollar".</li>
 * </ul>
 */
@FunctionalInterface
public interface TierCosts {

    /** The cost of one call to {@code tier}, &ge; 0. */
    double cost(TierInfo tier);

    /** Relative cost units by tier index (cheapest first). */
    static TierCosts relative(double... units) {
        double[] u = units.clone();
        for (int i = 0; i < u.length; i++) {
            if (!(u[i] >= 0) || Double.isInfinite(u[i])) {
                throw new IllegalArgumentException("costs[" + i + "]: expected a finite number >= 0, got " + u[i]);
            }
        }
        return new TierCosts() {
            @Override
            public double cost(TierInfo tier) {
                if (tier.index() >= u.length) {
                    throw new IllegalArgumentException("no relative cost for tier '" + tier.name() + "' (index "
                            + tier.index() + "): " + u.length + " costs were given");
                }
                return u[tier.index()];
            }

            @Override
            public String toString() {
                return "relative" + Arrays.toString(u);
            }
        };
    }

    /** Relative cost units by tier name. */
    static TierCosts relative(Map<String, Double> unitsByName) {
        Map<String, Double> u = Map.copyOf(unitsByName);
        u.forEach((name, v) -> {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("costs." + name + ": expected a finite number >= 0, got " + v);
            }
        });
        return tier -> {
            Double v = u.get(tier.name());
            if (v == null) {
                throw new IllegalArgumentException("no relative cost for tier '" + tier.name() + "'; costs are given for "
                        + u.keySet());
            }
            return v;
        };
    }

    /** Dollars for a request of {@code inputTokens} in and {@code outputTokens} out at each tier's prices. */
    static TierCosts pricePerRequest(long inputTokens, long outputTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were " + inputTokens + " / " + outputTokens);
        }
        return tier -> Objects.requireNonNull(tier, "tier").cost(inputTokens, outputTokens);
    }
}
