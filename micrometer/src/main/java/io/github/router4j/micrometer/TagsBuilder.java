package io.github.router4j.micrometer;

import java.util.Objects;

/**
 * The names both {@link RoutingMetrics} and {@link RoutingObservations} tag with.
 *
 * @param <B> the concrete builder
 */
abstract class TagsBuilder<B extends TagsBuilder<B>> {

    String modelName = "default";
    String routerType = "cheapest-first";

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The {@code model} tag: the tiered model's name, e.g. its bean name; default {@code default}. */
    public B modelName(String modelName) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        return self();
    }

    /** The {@code router} tag: the router type, e.g. {@code classifier}; default {@code cheapest-first}. */
    public B routerType(String routerType) {
        this.routerType = Objects.requireNonNull(routerType, "routerType");
        return self();
    }
}
