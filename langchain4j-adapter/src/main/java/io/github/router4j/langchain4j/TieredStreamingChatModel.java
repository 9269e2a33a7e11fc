package io.github.router4j.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.router4j.core.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StreamingChatModel} over several tiers, cheap to strong, decided before the call: the
 * {@link io.github.router4j.core.Router} picks the tier (capability-aware, sticky for tool loops, as
 * in {@link TieredChatModel}) and its tokens stream straight to the caller's handler.
 * <p>
 * A tier that fails before delivering anything (error, rate limit, empty answer) hands the request
 * to the next tier in the {@link FallbackOrder}, invisibly to the handler. Once a token, thinking
 * text or tool-call fragment was delivered, a failure goes to {@link StreamingChatResponseHandler#onError}
 * as is: the model never switches tiers silently mid-answer. When no tier delivers anything, the
 * handler gets an {@link AllTiersFailedException}. There is no post-call acceptance step here: a
 * streamed answer is already with the user. Every tier needs a {@code streamingModel}. Thread-safe.
 */
public final class TieredStreamingChatModel implements StreamingChatModel {

    private static final Verdict STREAMED = Verdict.accept("streamed");

    private final Tiering tiering;
    private final List<ChatModelListener> listeners;
    private final ChatRequestParameters defaultRequestParameters;

    private TieredStreamingChatModel(Builder builder) {
        this.tiering = new Tiering(builder, t -> t.streamingModel().isPresent(), "needs a streamingModel");
        this.listeners = builder.listeners;
        this.defaultRequestParameters = tiering.defaultsWithoutModelName(builder.defaultRequestParameters);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tiers, cheapest first, with their positions set. */
    public List<Tier> tiers() {
        return tiering.tiers;
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        ListenerSupport support = ListenerSupport.start(request, options, defaultRequestParameters, listeners,
                provider());
        stream(support.request, support.tierOptions(), handler, support);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        stream(request, ChatRequestOptions.EMPTY, handler, null);
    }

    private void stream(ChatRequest callerRequest, ChatRequestOptions options, StreamingChatResponseHandler handler,
                        ListenerSupport support) {
        ChatRequest request = tiering.withoutModelName(callerRequest);
        Tiering.Plan plan;
        try {
            plan = tiering.plan(request);
        } catch (RuntimeException e) {
            if (support != null) {
                support.onError(e, null);
            }
            handler.onError(e);
            return;
        }
        new Attempts(request, options, handler, support, plan).next();
    }

    /** The tiers one request tries, one after the other, each started from the previous one's failure callback. */
    private final class Attempts {
        private final ChatRequest request;
        private final ChatRequestOptions options;
        private final StreamingChatResponseHandler handler;
        private final ListenerSupport support;
        private final Tiering.Plan plan;
        private final List<Tier> remaining;
        private final List<TierCall> calls = new CopyOnWriteArrayList<>();

        Attempts(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler,
                 ListenerSupport support, Tiering.Plan plan) {
            this.request = request;
            this.options = options;
            this.handler = handler;
            this.support = support;
            this.plan = plan;
            this.remaining = new ArrayList<>(plan.order());
        }

        void next() {
            if (remaining.isEmpty()) {
                fail(null);
                return;
            }
            Tier tier = remaining.remove(0);
            TierHandler tierHandler = new TierHandler(this, tier);
            try {
                tier.streamingModel().orElseThrow().chat(request, Tiering.forTier(options, tier), tierHandler);
            } catch (RuntimeException e) {
                tierHandler.onError(e);
            }
        }

        void answered(ChatResponse response, TierCall call) {
            calls.add(call);
            RoutingInfo info = tiering.info(plan, calls, response, 0);
            ChatResponse withInfo = info.attachTo(response);
            tiering.notify(new RoutingEvent(request, plan.routingRequest(), info, Optional.of(withInfo), Optional.empty()));
            if (support != null) {
                support.onResponse(withInfo, info);
            }
            handler.onCompleteResponse(withInfo);
        }

        void failedBeforeOutput(Tier tier, Throwable error, TierCall call) {
            calls.add(call);
            tiering.failed(tier, error);
            next();
        }

        /** Ends the request with an error: every tier failed ({@code error == null}) or a tier failed mid-stream. */
        void fail(Throwable error) {
            RoutingInfo info = tiering.info(plan, calls, null, 0);
            Throwable reported = error != null ? error : new AllTiersFailedException(info);
            tiering.notify(new RoutingEvent(request, plan.routingRequest(), info, Optional.empty(), Optional.of(reported)));
            if (support != null) {
                support.onError(reported, info);
            }
            handler.onError(reported);
        }
    }

    /** Forwards one tier's stream, timing it and noticing whether anything reached the caller. */
    private final class TierHandler implements StreamingChatResponseHandler {
        private final Attempts attempts;
        private final Tier tier;
        private final long start = System.nanoTime();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicInteger chunks = new AtomicInteger();
        private volatile Duration timeToFirstToken;

        TierHandler(Attempts attempts, Tier tier) {
            this.attempts = attempts;
            this.tier = tier;
        }

        private void delivered(boolean token) {
            if (timeToFirstToken == null) {
                timeToFirstToken = Tiering.since(start);
            }
            if (token) {
                chunks.incrementAndGet();
            }
        }

        private boolean anythingDelivered() {
            return timeToFirstToken != null;
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            delivered(true);
            attempts.handler.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            delivered(true);
            attempts.handler.onPartialResponse(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            delivered(false);
            attempts.handler.onPartialThinking(partialThinking);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            delivered(false);
            attempts.handler.onPartialThinking(partialThinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            delivered(false);
            attempts.handler.onPartialToolCall(partialToolCall);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            delivered(false);
            attempts.handler.onPartialToolCall(partialToolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            delivered(false);
            attempts.handler.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onUnmappedRawEvent(Object rawEvent) {
            attempts.handler.onUnmappedRawEvent(rawEvent);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (Tiering.isEmpty(response) && !anythingDelivered()) {
                EmptyAnswerException error = new EmptyAnswerException(tier.name());
                attempts.failedBeforeOutput(tier, error, failedCall(error));
                return;
            }
            attempts.answered(response, tiering.call(tier, TierCall.Outcome.ANSWERED, STREAMED, response, start,
                    Optional.ofNullable(timeToFirstToken), chunks.get()));
        }

        @Override
        public void onError(Throwable error) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (anythingDelivered()) {
                attempts.calls.add(failedCall(error));
                tiering.failed(tier, error);
                attempts.fail(error);
            } else {
                attempts.failedBeforeOutput(tier, error, failedCall(error));
            }
        }

        private TierCall failedCall(Throwable error) {
            return tiering.failedCall(tier, error, start, Optional.ofNullable(timeToFirstToken), chunks.get());
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return defaultRequestParameters;
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    /** The tiers' common provider, or {@link ModelProvider#OTHER} when they differ. */
    @Override
    public ModelProvider provider() {
        return tiering.provider(t -> t.streamingModel().orElseThrow().provider());
    }

    /** The union of the tiers' capabilities. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return tiering.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "TieredStreamingChatModel" + tiers().stream().map(Tier::name).toList();
    }

    /** Builder for {@link TieredStreamingChatModel}. */
    public static final class Builder extends TieringBuilder<Builder> {

        private Builder() {
        }

        public TieredStreamingChatModel build() {
            return new TieredStreamingChatModel(this);
        }
    }
}
