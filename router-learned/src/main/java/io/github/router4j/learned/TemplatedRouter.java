package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;

import java.util.Objects;

/** A learned router that removes its training prompts' {@link SharedTemplate} from the routing text first. */
final class TemplatedRouter extends WrappedRouter {

    private final SharedTemplate template;

    TemplatedRouter(LearnedRouter router, SharedTemplate template) {
        super(router);
        this.template = Objects.requireNonNull(template, "template");
    }

    SharedTemplate template() {
        return template;
    }

    /** The router's probability for the request without the template (re-embedded when it has an embedder). */
    @Override
    public double strongProbability(RoutingRequest request) {
        return router().strongProbability(withoutTemplate(request));
    }

    /** Every model's predicted quality for the request without the template. */
    @Override
    public double[] predictQuality(RoutingRequest request) {
        return router().predictQuality(withoutTemplate(request));
    }

    private RoutingRequest withoutTemplate(RoutingRequest request) {
        String stripped = template.strip(request.text());
        return stripped.equals(request.text()) ? request : request.toBuilder().text(stripped).build();
    }

    @Override
    public LearnedRouter withThreshold(double threshold) {
        return new TemplatedRouter(router().withThreshold(threshold), template);
    }

    @Override
    void writeTo(ObjectNode root) {
        template.write(root.putObject("template"));
    }

    @Override
    public String toString() {
        return router() + " after removing " + template;
    }
}
