package io.github.router4j.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A {@link ChatModel} that answers each request with one of several tiers, cheap to strong.
 * <p>
 * Per request: the {@link io.github.router4j.core.Router} picks the first tier among those that
 * support what the request needs (tools, JSON schema, images); tool results and bare confirmations
 * stay on the tier that made the call or asked (or a stronger one). Routing reads the user's own words
 * ({@link RoutingTextExtractor}). The whole {@link ChatRequest} is forwarded to the tier's
 * {@code chat(...)} unchanged, except a {@code modelName}, which is dropped with a WARN (each tier calls
 * its own model); the tier's listeners see the caller's listener attributes plus
 * {@value RoutingInfo#TIER}. A tier that fails (exception, timeout, rate
 * limit, HTTP error, empty answer) hands the request to the next tier in the {@link FallbackOrder};
 * a rate-limited tier is skipped for the cool-down. A successful answer goes through the
 * {@link AcceptanceStep}, which may escalate to a stronger tier; the strongest eligible tier's answer
 * and tool calls are always accepted. If an escalation's stronger tiers all fail, the escalated
 * answer is returned. Only when no tier answered does the call throw {@link AllTiersFailedException}.
 * <p>
 * Every answer carries {@link RoutingInfo} in its {@code AiMessage} attributes and the listener
 * attributes; a {@link RoutingListener} sees every tier call. Thread-safe. {@link #close()} releases
 * what the acceptance step holds (e.g. the self-evaluation threads); the tiers' models are not closed.
 */
public final class TieredChatModel implements ChatModel, AutoCloseable {

    private final Tiering tiering;
    private final AcceptanceStep acceptance;
    private final List<ChatModelListener> listeners;
    private final ChatRequestParameters defaultRequestParameters;

    private TieredChatModel(Builder builder) {
        this.tiering = new Tiering(builder, t -> t.model() != null, "needs a model (ChatModel)");
        this.acceptance = builder.acceptance != null ? builder.acceptance : AcceptanceStep.acceptAll();
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
    public ChatResponse chat(ChatRequest chatRequest, ChatRequestOptions options) {
        ListenerSupport support = ListenerSupport.start(chatRequest, options, defaultRequestParameters, listeners,
                provider());
        try {
            Answer answer = answer(support.request, support.tierOptions());
            support.onResponse(answer.response(), answer.info());
            return answer.response();
        } catch (AllTiersFailedException e) {
            support.onError(e, e.routingInfo());
            throw e;
        } catch (RuntimeException e) {
            support.onError(e, null);
            throw e;
        }
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        return answer(chatRequest, ChatRequestOptions.EMPTY).response();
    }

    private record Answer(ChatResponse response, RoutingInfo info) {
    }

    private Answer answer(ChatRequest callerRequest, ChatRequestOptions options) {
        ChatRequest request = tiering.withoutModelName(callerRequest);
        Tiering.Plan plan = tiering.plan(request);
        List<Tier> remaining = new ArrayList<>(plan.order());
        List<TierCall> calls = new ArrayList<>();
        DoubleAdder extraCost = new DoubleAdder();
        List<TokenUsage> extraTokens = new CopyOnWriteArrayList<>();
        ChatResponse escalated = null;
        int escalatedCall = -1;
        List<Attempt> earlier = new ArrayList<>();

        while (!remaining.isEmpty()) {
            Tier tier = tiering.takeNext(remaining);
            long start = System.nanoTime();
            ChatResponse response;
            try {
                response = tier.model().chat(request, Tiering.forTier(options, tier));
            } catch (RuntimeException e) {
                calls.add(tiering.failedCall(tier, e, start, Optional.empty(), 0, null));
                tiering.failed(tier, e);
                continue;
            }
            if (Tiering.isEmpty(response)) {
                calls.add(tiering.failedCall(tier, new EmptyAnswerException(tier.name()), start, Optional.empty(), 0,
                        response == null ? null : response.tokenUsage()));
                continue;
            }
            Verdict verdict = verdict(request, response, tier, remaining, plan, extraCost, extraTokens, options,
                    earlier);
            if (verdict.accepted()) {
                calls.add(tiering.call(tier, TierCall.Outcome.ANSWERED, verdict, response, start,
                        Optional.empty(), 0));
                return finish(request, plan, calls, response, extraCost, extraTokens);
            }
            calls.add(tiering.call(tier, TierCall.Outcome.ESCALATED, verdict, response, start,
                    Optional.empty(), 0));
            escalated = response;
            escalatedCall = calls.size() - 1;
            remaining.removeIf(t -> t.index() < tier.index());
        }
        if (escalated != null) {
            TierCall kept = calls.get(escalatedCall);
            calls.set(escalatedCall, kept.withOutcome(TierCall.Outcome.ANSWERED,
                    kept.reason() + "; kept: every stronger tier failed"));
            return finish(request, plan, calls, escalated, extraCost, extraTokens);
        }
        RoutingInfo info = tiering.info(plan, calls, null, extraCost.sum(), extraTokens);
        AllTiersFailedException failure = new AllTiersFailedException(info);
        tiering.notify(new RoutingEvent(request, plan.routingRequest(), info, Optional.empty(), Optional.of(failure)));
        throw failure;
    }

    private Verdict verdict(ChatRequest request, ChatResponse response, Tier tier, List<Tier> remaining,
                            Tiering.Plan plan, DoubleAdder extraCost, List<TokenUsage> extraTokens,
                            ChatRequestOptions options, List<Attempt> earlier) {
        if (response.aiMessage().hasToolExecutionRequests()) {
            return Verdict.accept("tool call");
        }
        if (remaining.stream().noneMatch(t -> t.index() > tier.index())) {
            return Verdict.accept("strongest eligible tier");
        }
        AcceptanceContext context = AcceptanceContext.of(request, response, tier, tiering.tiers,
                plan.routingRequest(), (t, usage) -> {
                    extraCost.add(tiering.cost(t, usage));
                    extraTokens.add(usage);
                }, earlier, options.listenerAttributes());
        try {
            Verdict verdict = acceptance.check(context);
            if (verdict != null && !verdict.accepted()) {
                context.lastAttempt().ifPresent(earlier::add);
            }
            return verdict != null ? verdict : Verdict.escalate("acceptance step returned no verdict");
        } catch (RuntimeException e) {
            return Verdict.escalate("acceptance step failed: " + e.getMessage());
        }
    }

    private Answer finish(ChatRequest request, Tiering.Plan plan, List<TierCall> calls, ChatResponse response,
                          DoubleAdder extraCost, List<TokenUsage> extraTokens) {
        RoutingInfo info = tiering.info(plan, calls, response, extraCost.sum(), extraTokens);
        ChatResponse withInfo = info.attachTo(response);
        tiering.notify(new RoutingEvent(request, plan.routingRequest(), info, Optional.of(withInfo), Optional.empty()));
        return new Answer(withInfo, info);
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
        return tiering.provider(t -> t.model().provider());
    }

    /** The union of the tiers' capabilities. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return tiering.supportedCapabilities();
    }

    /** Closes the acceptance step when it is {@link AutoCloseable}; the tiers' models stay open. */
    @Override
    public void close() {
        if (acceptance instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the acceptance step " + acceptance + " failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "TieredChatModel" + tiers().stream().map(Tier::name).toList();
    }

    /** Builder for {@link TieredChatModel}. */
    public static final class Builder extends TieringBuilder<Builder> {
        private AcceptanceStep acceptance;

        private Builder() {
        }

        /** The post-call check that may escalate an answer to a stronger tier; default: accept all. */
        public Builder acceptance(AcceptanceStep acceptance) {
            this.acceptance = acceptance;
            return this;
        }

        public TieredChatModel build() {
            return new TieredChatModel(this);
        }
    }
}
