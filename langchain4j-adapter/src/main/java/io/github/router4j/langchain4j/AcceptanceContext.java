package io.github.router4j.langchain4j;

import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What an {@link AcceptanceStep} sees of one tier's answer: the request, the answer, the tier (so an
 * evidence source can call {@code tier().model()} for self-evaluation, or another tier as a judge),
 * and a way to book the tokens of such extra calls on the request's cost.
 */
public final class AcceptanceContext {

    private final ChatRequest chatRequest;
    private final ChatResponse chatResponse;
    private final Tier tier;
    private final List<Tier> tiers;
    private final RoutingRequest routingRequest;
    private final BiConsumer<Tier, TokenUsage> usageSink;
    private final List<Attempt> earlier;
    private final Map<Object, Object> listenerAttributes;
    private volatile Attempt attempt;

    private AcceptanceContext(ChatRequest chatRequest, ChatResponse chatResponse, Tier tier, List<Tier> tiers,
                              RoutingRequest routingRequest, BiConsumer<Tier, TokenUsage> usageSink,
                              List<Attempt> earlier, Map<Object, Object> listenerAttributes) {
        this.chatRequest = Objects.requireNonNull(chatRequest, "chatRequest");
        this.chatResponse = Objects.requireNonNull(chatResponse, "chatResponse");
        this.tier = Objects.requireNonNull(tier, "tier");
        this.tiers = List.copyOf(tiers);
        this.routingRequest = Objects.requireNonNull(routingRequest, "routingRequest");
        this.usageSink = Objects.requireNonNull(usageSink, "usageSink");
        this.earlier = List.copyOf(earlier);
        this.listenerAttributes = Map.copyOf(listenerAttributes);
    }

    /**
     * A context; {@link TieredChatModel} makes these, tests of evidence sources may too.
     *
     * @param usageSink receives every {@link #recordUsage} call
     */
    public static AcceptanceContext of(ChatRequest chatRequest, ChatResponse chatResponse, Tier tier, List<Tier> tiers,
                                       RoutingRequest routingRequest, BiConsumer<Tier, TokenUsage> usageSink) {
        return of(chatRequest, chatResponse, tier, tiers, routingRequest, usageSink, List.of(), Map.of());
    }

    /**
     * A context whose extra calls carry the caller's listener attributes.
     *
     * @param listenerAttributes the caller's listener attributes ({@code ChatRequestOptions})
     */
    public static AcceptanceContext of(ChatRequest chatRequest, ChatResponse chatResponse, Tier tier, List<Tier> tiers,
                                       RoutingRequest routingRequest, BiConsumer<Tier, TokenUsage> usageSink,
                                       Map<Object, Object> listenerAttributes) {
        return of(chatRequest, chatResponse, tier, tiers, routingRequest, usageSink, List.of(), listenerAttributes);
    }

    /**
     * A context after the cheaper tiers' escalated attempts {@code earlier} (which {@link #attempt(Evidence)}
     * hands on to the policy), whose extra calls carry the caller's listener attributes.
     *
     * @param listenerAttributes the caller's listener attributes ({@code ChatRequestOptions})
     */
    public static AcceptanceContext of(ChatRequest chatRequest, ChatResponse chatResponse, Tier tier, List<Tier> tiers,
                                       RoutingRequest routingRequest, BiConsumer<Tier, TokenUsage> usageSink,
                                       List<Attempt> earlier, Map<Object, Object> listenerAttributes) {
        return new AcceptanceContext(chatRequest, chatResponse, tier, tiers, routingRequest, usageSink, earlier,
                listenerAttributes);
    }

    /** The attempts of the cheaper tiers this request was escalated from, in order. */
    public List<Attempt> earlier() {
        return earlier;
    }

    /** The caller's listener attributes. */
    public Map<Object, Object> listenerAttributes() {
        return listenerAttributes;
    }

    /**
     * Options for an extra call made on this answer's behalf: the caller's listener attributes plus
     * {@value RoutingInfo#PURPOSE} = {@code purpose} (e.g. {@value RoutingInfo#PURPOSE_SELF_EVALUATION}),
     * so listeners can tell such calls from answers and attribute them to the request.
     */
    public ChatRequestOptions extraCallOptions(String purpose) {
        Map<Object, Object> attributes = new HashMap<>(listenerAttributes);
        attributes.put(RoutingInfo.PURPOSE, Objects.requireNonNull(purpose, "purpose"));
        return ChatRequestOptions.builder().listenerAttributes(attributes).build();
    }

    /** The request exactly as the tier received it. */
    public ChatRequest chatRequest() {
        return chatRequest;
    }

    /** The tier's answer. */
    public ChatResponse chatResponse() {
        return chatResponse;
    }

    /** The answer's text, empty when it has none. */
    public String answer() {
        String text = chatResponse.aiMessage() == null ? null : chatResponse.aiMessage().text();
        return text == null ? "" : text;
    }

    /** The tier that answered. */
    public Tier tier() {
        return tier;
    }

    /** All tiers, cheapest first. */
    public List<Tier> tiers() {
        return tiers;
    }

    public RoutingRequest routingRequest() {
        return routingRequest;
    }

    /** Books the tokens of an extra call (self-evaluation, judge) made on {@code tier} on this request's cost. */
    public void recordUsage(Tier tier, TokenUsage usage) {
        Objects.requireNonNull(tier, "tier");
        if (usage != null) {
            usageSink.accept(tier, usage);
        }
    }

    /** The core view of this answer, for an {@link io.github.router4j.core.AcceptancePolicy}. */
    public Attempt attempt(Evidence evidence) {
        Attempt a = new Attempt(routingRequest, tier.info(), tiers.stream().map(Tier::info).toList(), answer(), evidence,
                earlier);
        attempt = a;
        return a;
    }

    /** The attempt last built by {@link #attempt(Evidence)}, which the next tier's policy sees among the earlier ones. */
    Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(attempt);
    }
}
