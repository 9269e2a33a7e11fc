package io.github.router4j.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.TierCapability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Why a request was answered by the tier that answered it, and what it cost. Attached to every
 * answer as {@link AiMessage#attributes()} (keys {@code router4j.*}, plain strings and numbers, so
 * they survive chat memory persistence) and put into the listener attributes under
 * {@link #LISTENER_ATTRIBUTE}.
 *
 * @param answeredBy           name of the tier whose answer was returned; empty when every tier failed
 * @param firstTier            name of the tier the router chose (after capability and sticky adjustments)
 * @param reason               the router's reason, plus the sticky-tool-loop note when one applied
 * @param score                the number the router decided on, when it has one
 * @param requiredCapabilities what the request needed
 * @param calls                every tier call, in order
 * @param cost                 dollars spent on this request: every tier call plus the acceptance step's extra calls
 * @param strongestCost        dollars the answer's token usage would have cost on the strongest tier
 * @param decisionTime         time spent choosing the tiers before the first call (routing only, with the
 *                             router's embedding when it uses one)
 * @param elapsed              wall time from the start of routing to the answer or the failure
 * @param predictions          every tier's predicted quality by tier name, when the router predicts them (N-tier
 *                             routers); empty otherwise
 * @param totalTokenUsage      tokens of every tier call (answered, escalated, failed with a usage) and of
 *                             the acceptance step's extra calls (self-evaluation votes, judges); the
 *                             response's own {@code tokenUsage()} stays the answering call's
 */
public record RoutingInfo(Optional<String> answeredBy, String firstTier, String reason, OptionalDouble score,
                          Set<TierCapability> requiredCapabilities, List<TierCall> calls, double cost,
                          double strongestCost, Duration decisionTime, Duration elapsed,
                          Map<String, Double> predictions, TokenUsage totalTokenUsage) {

    /** Listener attribute key whose value is this {@link RoutingInfo}. */
    public static final String LISTENER_ATTRIBUTE = "router4j.routing";
    /** Attribute: name of the answering tier. */
    public static final String TIER = "router4j.tier";
    /** Attribute: index of the answering tier, 0 = cheapest. */
    public static final String TIER_INDEX = "router4j.tier_index";
    /** Attribute: the routing reason. */
    public static final String REASON = "router4j.reason";
    /** Attribute: the router's score (e.g. P(strong tier needed)), when it has one. */
    public static final String SCORE = "router4j.score";
    /** Attribute: list of strings, one per tier call ("cheap: ESCALATED (reward &lt;= 0) {p_good=0.3100}"). */
    public static final String TRIED = "router4j.tried";
    /** Attribute: dollars spent on the request. */
    public static final String COST = "router4j.cost";
    /** Attribute: dollars saved against the strongest tier (may be negative after an escalation). */
    public static final String SAVING = "router4j.saving";
    /** Attribute: map of tier name to predicted quality, when the router predicts one per tier. */
    public static final String PREDICTIONS = "router4j.predictions";
    /** Attribute: tokens (input + output) of all tier calls and extra calls (votes, judges) for the request. */
    public static final String TOTAL_TOKENS = "router4j.total_tokens";
    /**
     * Listener attribute on the extra calls the router makes itself: {@value #PURPOSE_SELF_EVALUATION} on
     * self-evaluation votes, {@value #PURPOSE_LLM_JUDGE} on LLM-judge calls. The caller's own listener
     * attributes are passed on to those calls too.
     */
    public static final String PURPOSE = "router4j.purpose";
    /** {@link #PURPOSE} of a self-evaluation vote. */
    public static final String PURPOSE_SELF_EVALUATION = "self-evaluation";
    /** {@link #PURPOSE} of an LLM-judge call. */
    public static final String PURPOSE_LLM_JUDGE = "llm-judge";

    public RoutingInfo {
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(firstTier, "firstTier");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(score, "score");
        requiredCapabilities = Set.copyOf(requiredCapabilities);
        calls = List.copyOf(calls);
        decisionTime = decisionTime == null ? Duration.ZERO : decisionTime;
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
        predictions = predictions == null || predictions.isEmpty()
                ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
        totalTokenUsage = totalTokenUsage == null ? new TokenUsage(0, 0) : totalTokenUsage;
    }

    /** Routing information without timings (both {@link Duration#ZERO}) or per-tier predictions. */
    public RoutingInfo(Optional<String> answeredBy, String firstTier, String reason, OptionalDouble score,
                       Set<TierCapability> requiredCapabilities, List<TierCall> calls, double cost,
                       double strongestCost) {
        this(answeredBy, firstTier, reason, score, requiredCapabilities, calls, cost, strongestCost, Duration.ZERO,
                Duration.ZERO, Map.of(), null);
    }

    /** Routing information without per-tier predictions. */
    public RoutingInfo(Optional<String> answeredBy, String firstTier, String reason, OptionalDouble score,
                       Set<TierCapability> requiredCapabilities, List<TierCall> calls, double cost,
                       double strongestCost, Duration decisionTime, Duration elapsed) {
        this(answeredBy, firstTier, reason, score, requiredCapabilities, calls, cost, strongestCost, decisionTime,
                elapsed, Map.of(), null);
    }

    /** Dollars saved against always using the strongest tier; negative when the cascade spent more. */
    public double saving() {
        return strongestCost - cost;
    }

    /** The answering call, when there is one. */
    public Optional<TierCall> answeringCall() {
        return calls.stream().filter(c -> c.outcome() == TierCall.Outcome.ANSWERED).reduce((a, b) -> b);
    }

    /** The routing information as {@link AiMessage} attributes. */
    public Map<String, Object> toAttributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        answeredBy.ifPresent(t -> attributes.put(TIER, t));
        answeringCall().ifPresent(c -> attributes.put(TIER_INDEX, c.tierIndex()));
        attributes.put(REASON, reason);
        score.ifPresent(s -> attributes.put(SCORE, s));
        attributes.put(TRIED, calls.stream().map(TierCall::toString).toList());
        attributes.put(COST, cost);
        attributes.put(SAVING, saving());
        if (!predictions.isEmpty()) {
            attributes.put(PREDICTIONS, predictions);
        }
        attributes.put(TOTAL_TOKENS, orZero(totalTokenUsage.totalTokenCount()));
        return attributes;
    }

    /** The answer with the routing attributes added to its {@link AiMessage}. */
    ChatResponse attachTo(ChatResponse response) {
        AiMessage message = response.aiMessage();
        Map<String, Object> attributes = new LinkedHashMap<>(message.attributes());
        attributes.putAll(toAttributes());
        return response.toBuilder().aiMessage(message.toBuilder().attributes(attributes).build()).build();
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    /** Name of the tier that produced {@code message}, from its routing attributes. */
    public static Optional<String> tierOf(AiMessage message) {
        Object tier = message.attributes().get(TIER);
        return tier instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** Dollars the request that produced {@code message} cost, from its routing attributes. */
    public static OptionalDouble costOf(AiMessage message) {
        Object cost = message.attributes().get(COST);
        return cost instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return "RoutingInfo{answeredBy=" + answeredBy.orElse("<none>") + ", reason=" + reason + ", calls=" + calls
                + String.format(", cost=$%.6f, saving=$%.6f}", cost, saving());
    }
}
