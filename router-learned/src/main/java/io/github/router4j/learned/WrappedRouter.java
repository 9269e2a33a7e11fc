package io.github.router4j.learned;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/** A learned router around another one, saved as the wrapped router's JSON plus its own keys. */
abstract class WrappedRouter implements LearnedRouter {

    private final LearnedRouter router;

    WrappedRouter(LearnedRouter router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    LearnedRouter router() {
        return router;
    }

    @Override
    public String type() {
        return router.type();
    }

    @Override
    public List<String> models() {
        return router.models();
    }

    @Override
    public double threshold() {
        return router.threshold();
    }

    /** Adds this wrapper's own keys to the wrapped router's JSON. */
    abstract void writeTo(ObjectNode root);

    @Override
    public String toJson() {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(router.toJson());
            writeTo(root);
            return Json.write(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
