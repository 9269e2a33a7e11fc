package io.github.router4j.core;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the decisions know about one tier: its position from cheap (0) to strong, its prices and
 * its capabilities. The model behind it lives in the adapter.
 *
 * @param name                    unique tier name, as in the YAML
 * @param index                   position in the ordered tier list, 0 = cheapest
 * @param inputPricePerMillion    dollars per million input tokens, &ge; 0
 * @param outputPricePerMillion   dollars per million output tokens, &ge; 0
 * @param capabilities            what the tier supports
 */
public record TierInfo(String name, int index, double inputPricePerMillion, double outputPricePerMillion,
                       Set<TierCapability> capabilities) {

    public TierInfo {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tier name must not be blank");
        }
        if (index < 0) {
            throw new IllegalArgumentException("tier '" + name + "': index must be >= 0, was " + index);
        }
        if (!(inputPricePerMillion >= 0) || !(outputPricePerMillion >= 0)) {
            throw new IllegalArgumentException("tier '" + name + "': prices must be >= 0, were "
                    + inputPricePerMillion + " / " + outputPricePerMillion);
        }
        capabilities = capabilities == null || capabilities.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    /** Dollars for a call with the given token counts. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPricePerMillion + outputTokens * outputPricePerMillion) / 1_000_000.0;
    }

    /** Whether this tier supports every capability in {@code required}. */
    public boolean supports(Set<TierCapability> required) {
        return capabilities.containsAll(required);
    }
}
