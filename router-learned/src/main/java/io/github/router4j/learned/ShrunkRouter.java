package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;

import java.util.Objects;

/** A learned router whose per-model predictions are shrunk toward the training means ({@link QualityShrinkage}). */
final class ShrunkRouter extends WrappedRouter {

    static final String KEY = "shrinkage";

    private final QualityShrinkage shrinkage;

    ShrunkRouter(LearnedRouter router, QualityShrinkage shrinkage) {
        super(router);
        this.shrinkage = Objects.requireNonNull(shrinkage, "shrinkage");
        if (shrinkage.prior().length != router.models().size()) {
            throw new IllegalArgumentException("shrinkage has a prior for " + shrinkage.prior().length
                    + " models, the router knows " + router.models());
        }
    }

    QualityShrinkage shrinkage() {
        return shrinkage;
    }

    /** The router's own P(strong needed): shrinkage only concerns the N-tier predictions. */
    @Override
    public double strongProbability(RoutingRequest request) {
        return router().strongProbability(request);
    }

    @Override
    public double[] predictQuality(RoutingRequest request) {
        return shrinkage.apply(router().predictQuality(request));
    }

    @Override
    public LearnedRouter withThreshold(double threshold) {
        return new ShrunkRouter(router().withThreshold(threshold), shrinkage);
    }

    @Override
    void writeTo(ObjectNode root) {
        ObjectNode node = root.putObject(KEY);
        node.put("weight", shrinkage.weight());
        Json.put(node, "prior", shrinkage.prior());
    }

    static QualityShrinkage read(Json json, int models) {
        Json node = json.child(KEY);
        double weight = node.number("weight");
        if (!(weight >= 0 && weight <= 1)) {
            throw node.error("weight", "must be in [0, 1], was " + weight);
        }
        return new QualityShrinkage(weight, node.doubles("prior", models));
    }

    @Override
    public String toString() {
        return router() + " shrunk by " + shrinkage;
    }
}
