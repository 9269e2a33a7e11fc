package io.github.router4j.micrometer;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import io.github.router4j.langchain4j.RoutingInfo;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.Map;
import java.util.Objects;

/**
 * One Micrometer {@link Observation} ({@value #NAME}) per request of a tiered model, so that traces
 * show the routed request: started when the request arrives, stopped with its outcome, and tagged
 * with the answering tier, the first tier the router chose, the router type and the model name
 * (low cardinality), plus the decision time, the tiers tried and the cost (high cardinality). No
 * prompt or answer text. Register it as a LangChain4j listener of the tiered model. Thread-safe.
 *
 * <pre>{@code
 * TieredChatModel model = TieredChatModel.builder()
 *         .tiers(cheap, strong)
 *         .listeners(RoutingObservations.builder().registry(observationRegistry).modelName("support").build())
 *         .build();
 * }</pre>
 */
public final class RoutingObservations implements ChatModelListener {

    /** The observation's name. */
    public static final String NAME = "router4j.request";
    private static final String ATTRIBUTE = RoutingObservations.class.getName();

    private final ObservationRegistry registry;
    private final String modelName;
    private final String routerType;

    private RoutingObservations(Builder builder) {
        this.registry = Objects.requireNonNull(builder.registry, "registry");
        this.modelName = builder.modelName;
        this.routerType = builder.routerType;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("router4j " + modelName)
                .lowCardinalityKeyValue("model", modelName)
                .lowCardinalityKeyValue("router", routerType)
                .start();
        context.attributes().put(ATTRIBUTE, observation);
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        stop(context.attributes(), null);
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        stop(context.attributes(), context.error());
    }

    private static void stop(Map<Object, Object> attributes, Throwable error) {
        if (!(attributes.remove(ATTRIBUTE) instanceof Observation observation)) {
            return;
        }
        if (attributes.get(RoutingInfo.LISTENER_ATTRIBUTE) instanceof RoutingInfo info) {
            observation.lowCardinalityKeyValue("tier", info.answeredBy().orElse("none"))
                    .lowCardinalityKeyValue("first.tier", info.firstTier())
                    .highCardinalityKeyValue("decision.ms", String.valueOf(info.decisionTime().toNanos() / 1e6))
                    .highCardinalityKeyValue("tiers.tried", String.valueOf(info.calls().size()))
                    .highCardinalityKeyValue("cost.dollars", String.valueOf(info.cost()));
        }
        observation.lowCardinalityKeyValue("outcome", error == null ? "answered" : "failed");
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }

    /** Builder for {@link RoutingObservations}. */
    public static final class Builder extends TagsBuilder<Builder> {
        private ObservationRegistry registry;

        private Builder() {
        }

        /** Where the observations go; required. */
        public Builder registry(ObservationRegistry registry) {
            this.registry = registry;
            return this;
        }

        public RoutingObservations build() {
            return new RoutingObservations(this);
        }
    }
}
