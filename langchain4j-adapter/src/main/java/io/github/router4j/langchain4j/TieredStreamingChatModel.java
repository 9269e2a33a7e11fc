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
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.exception.TimeoutException;
import io.github.router4j.core.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * handler gets an {@link AllTiersFailedException}. A tier's {@linkplain Tier#firstTokenTimeout() first-token
 * deadline} counts as such a failure; its {@linkplain Tier#interTokenTimeout() inter-token deadline}
 * ends the stream with a {@code TimeoutException}. Whatever a tier delivers after its end (completion,
 * error or missed deadline) is ignored, so the handler gets exactly one {@code onCompleteResponse} or
 * {@code onError}. There is no post-call acceptance step here: a streamed answer is already with the
 * user. Every tier needs a {@code streamingModel}. Thread-safe.
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
            Tier tier = tiering.takeNext(remaining);
            TierHandler tierHandler = new TierHandler(this, tier);
            tierHandler.armFirstTokenDeadline();
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

    /**
     * Forwards one tier's stream, timing it and noticing whether anything reached the caller. Every
     * callback after the tier's end (its completion, its error or a missed deadline) is ignored.
     */
    private final class TierHandler implements StreamingChatResponseHandler {
        private final Attempts attempts;
        private final Tier tier;
        private final long start = System.nanoTime();
        private final AtomicInteger chunks = new AtomicInteger();
        private boolean finished;
        private volatile Duration timeToFirstToken;
        private long lastDelivery;
        private volatile StreamingHandle streamingHandle;
        private ScheduledFuture<?> deadline;

        TierHandler(Attempts attempts, Tier tier) {
            this.attempts = attempts;
            this.tier = tier;
        }

        void armFirstTokenDeadline() {
            tier.firstTokenTimeout().ifPresent(t -> schedule(this::firstTokenMissed, t.toNanos()));
        }

        private synchronized void schedule(Runnable check, long delayNanos) {
            if (!finished) {
                deadline = Deadlines.schedule(check, delayNanos);
            }
        }

        /** Runs {@code forward} unless the tier already ended; returns whether it ran. */
        private synchronized boolean deliver(boolean token, StreamingHandle handle, Runnable forward) {
            if (finished) {
                return false;
            }
            long now = System.nanoTime();
            boolean first = timeToFirstToken == null;
            if (first) {
                timeToFirstToken = Duration.ofNanos(now - start);
            }
            lastDelivery = now;
            if (handle != null) {
                streamingHandle = handle;
            }
            if (token) {
                chunks.incrementAndGet();
            }
            if (first) {
                cancelDeadline();
                tier.interTokenTimeout().ifPresent(t -> deadline = Deadlines.schedule(this::stallCheck, t.toNanos()));
            }
            forward.run();
            return true;
        }

        /** Marks the tier ended; false when it already was. */
        private synchronized boolean end() {
            if (finished) {
                return false;
            }
            finished = true;
            cancelDeadline();
            return true;
        }

        private void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        private void firstTokenMissed() {
            synchronized (this) {
                if (timeToFirstToken != null || !end()) {
                    return;
                }
            }
            Duration limit = tier.firstTokenTimeout().orElseThrow();
            TimeoutException error = new TimeoutException("tier '" + tier.name() + "' delivered no token within "
                    + limit.toMillis() + " ms");
            attempts.failedBeforeOutput(tier, error, failedCall(error, null));
        }

        private void stallCheck() {
            long limit = tier.interTokenTimeout().orElseThrow().toNanos();
            synchronized (this) {
                long silent = System.nanoTime() - lastDelivery;
                if (silent < limit) {
                    schedule(this::stallCheck, limit - silent);
                    return;
                }
                if (!end()) {
                    return;
                }
            }
            StreamingHandle handle = streamingHandle;
            if (handle != null) {
                try {
                    handle.cancel();
                } catch (RuntimeException ignored) {
                    // the stream is abandoned either way
                }
            }
            TimeoutException error = new TimeoutException("tier '" + tier.name() + "' stalled: no token for "
                    + Duration.ofNanos(limit).toMillis() + " ms after " + chunks.get() + " chunks");
            attempts.calls.add(failedCall(error, null));
            attempts.fail(error);
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            deliver(true, null, () -> attempts.handler.onPartialResponse(partialResponse));
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            deliver(true, context == null ? null : context.streamingHandle(),
                    () -> attempts.handler.onPartialResponse(partialResponse, context));
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            deliver(false, null, () -> attempts.handler.onPartialThinking(partialThinking));
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            deliver(false, context == null ? null : context.streamingHandle(),
                    () -> attempts.handler.onPartialThinking(partialThinking, context));
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            deliver(false, null, () -> attempts.handler.onPartialToolCall(partialToolCall));
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            deliver(false, context == null ? null : context.streamingHandle(),
                    () -> attempts.handler.onPartialToolCall(partialToolCall, context));
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            deliver(false, null, () -> attempts.handler.onCompleteToolCall(completeToolCall));
        }

        @Override
        public void onUnmappedRawEvent(Object rawEvent) {
            synchronized (this) {
                if (!finished) {
                    attempts.handler.onUnmappedRawEvent(rawEvent);
                }
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            if (!end()) {
                return;
            }
            if (Tiering.isEmpty(response) && timeToFirstToken == null) {
                EmptyAnswerException error = new EmptyAnswerException(tier.name());
                attempts.failedBeforeOutput(tier, error, failedCall(error, response == null ? null : response.tokenUsage()));
                return;
            }
            attempts.answered(response, tiering.call(tier, TierCall.Outcome.ANSWERED, STREAMED, response, start,
                    Optional.ofNullable(timeToFirstToken), chunks.get()));
        }

        @Override
        public void onError(Throwable error) {
            if (!end()) {
                return;
            }
            if (timeToFirstToken != null) {
                attempts.calls.add(failedCall(error, null));
                tiering.failed(tier, error);
                attempts.fail(error);
            } else {
                attempts.failedBeforeOutput(tier, error, failedCall(error, null));
            }
        }

        private TierCall failedCall(Throwable error, TokenUsage usage) {
            return tiering.failedCall(tier, error, start, Optional.ofNullable(timeToFirstToken), chunks.get(), usage);
        }
    }

    /**
     * The timer of the streaming deadlines and the threads their checks run on (so that a slow handler
     * never holds up the timer); daemons, shared.
     */
    private static final class Deadlines {
        static final ScheduledThreadPoolExecutor TIMER = timer();
        static final ExecutorService HANDOFF = handoff();

        static ScheduledFuture<?> schedule(Runnable check, long delayNanos) {
            return TIMER.schedule(() -> HANDOFF.execute(check), delayNanos, TimeUnit.NANOSECONDS);
        }

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("router4j-stream-deadlines"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }

        private static ExecutorService handoff() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), daemon("router4j-stream-fallback"));
            return pool;
        }

        private static ThreadFactory daemon(String name) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
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
