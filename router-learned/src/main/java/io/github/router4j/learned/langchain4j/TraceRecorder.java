package io.github.router4j.learned.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.trace.RoutingTrace;
import io.github.router4j.core.trace.RoutingTraceStore;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.RoutingListener;
import io.github.router4j.langchain4j.TierCall;
import io.github.router4j.learned.AnswerFeatures;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes a {@link RoutingTrace} for every request a tiered model routed, so that
 * {@code router4j train --traces} can teach the pre-call router which requests the cascade had to
 * escalate. Per tier call it records the {@link AnswerFeatures} of the answer (escalated ones too)
 * and the verdict's numbers; per request the routing text's embedding (the request's own when the
 * tiered model has an embedding model, else this recorder's, else none) and the prompt text only
 * when {@link Builder#recordPrompt(boolean)} allows it. The request id defaults to the answer's
 * {@link ChatResponse#id()}, which the application passes to {@code store.feedback(id, good)}.
 * Thread-safe when the store is.
 */
public final class TraceRecorder implements RoutingListener {

    private final RoutingTraceStore store;
    private final EmbeddingModel embeddingModel;
    private final boolean recordPrompt;
    private final Function<RoutingEvent, String> requestId;
    private final Clock clock;

    private TraceRecorder(Builder builder) {
        this.store = Objects.requireNonNull(builder.store, "store");
        this.embeddingModel = builder.embeddingModel;
        this.recordPrompt = builder.recordPrompt;
        this.requestId = builder.requestId;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onRouted(RoutingEvent event) {
        store.append(trace(event));
    }

    /** The trace of one routed request, as {@link #onRouted} appends it. */
    public RoutingTrace trace(RoutingEvent event) {
        RoutingRequest request = event.routingRequest();
        List<RoutingTrace.Step> steps = new ArrayList<>();
        for (TierCall call : event.routingInfo().calls()) {
            steps.add(new RoutingTrace.Step(call.tier(), call.tierIndex(), RoutingTrace.Outcome.valueOf(call.outcome().name()),
                    call.outcome() == TierCall.Outcome.FAILED ? Map.of() : AnswerFeatures.named(request.text(), call.answer()),
                    call.details()));
        }
        return new RoutingTrace(requestId.apply(event), clock.instant(), embedding(request),
                recordPrompt ? Optional.of(request.text()) : Optional.empty(), steps, Optional.empty());
    }

    private float[] embedding(RoutingRequest request) {
        if (request.hasEmbedding()) {
            return request.embedding();
        }
        if (embeddingModel != null) {
            return embeddingModel.embed(request.text()).content().vector();
        }
        return new float[0];
    }

    private static String defaultRequestId(RoutingEvent event) {
        return event.response().map(ChatResponse::id).filter(id -> !id.isBlank())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /** Builder for {@link TraceRecorder}. */
    public static final class Builder {
        private RoutingTraceStore store;
        private EmbeddingModel embeddingModel;
        private boolean recordPrompt;
        private Function<RoutingEvent, String> requestId = TraceRecorder::defaultRequestId;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Where the traces go: a {@code JsonlRoutingTraceStore} or a {@code JdbcRoutingTraceStore}. */
        public Builder store(RoutingTraceStore store) {
            this.store = store;
            return this;
        }

        /** Embeds the routing text when the tiered model has no embedding model of its own; default none. */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            this.embeddingModel = embeddingModel;
            return this;
        }

        /** Also record the routing text itself; default false (only its embedding). */
        public Builder recordPrompt(boolean recordPrompt) {
            this.recordPrompt = recordPrompt;
            return this;
        }

        /** The id a request is traced under; default the answer's {@code ChatResponse.id()}, else a random UUID. */
        public Builder requestId(Function<RoutingEvent, String> requestId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TraceRecorder build() {
            return new TraceRecorder(this);
        }
    }
}
