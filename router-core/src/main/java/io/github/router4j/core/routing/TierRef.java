package io.github.router4j.core.routing;

import io.github.router4j.core.TierInfo;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A tier named by the configuration: by name (as in the YAML) or by position. */
record TierRef(String name, int index) {

    static TierRef named(String name) {
        Objects.requireNonNull(name, "tier name");
        return new TierRef(name, -1);
    }

    static TierRef at(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("tier index must be >= 0, was " + index);
        }
        return new TierRef(null, index);
    }

    TierInfo resolve(List<TierInfo> tiers) {
        if (name == null) {
            if (index >= tiers.size()) {
                throw new IllegalArgumentException("tier index " + index + " is out of range: there are "
                        + tiers.size() + " tiers");
            }
            return tiers.get(index);
        }
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown tier '" + name + "'; tiers are "
                        + tiers.stream().map(TierInfo::name).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return name != null ? "'" + name + "'" : "#" + index;
    }
}
